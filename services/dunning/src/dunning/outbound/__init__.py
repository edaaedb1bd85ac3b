"""Messages going out: due steps prepared (rendered, checked, recorded), sent through their channel, previewed, and
the scheduler that runs both with the deadlines."""
