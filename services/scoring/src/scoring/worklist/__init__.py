"""The collectors' worklist: open cases by priority, filtered and paged, and their assignment to an agent."""
