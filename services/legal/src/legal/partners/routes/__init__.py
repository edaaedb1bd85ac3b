"""The routes of partner missions: staff's, the partner API, and the webhooks' administration."""
