"""A case's scheduled steps: started, stopped, resumed and planned from its scenario; the due steps the scheduler
takes; the phone tasks of phone steps."""
