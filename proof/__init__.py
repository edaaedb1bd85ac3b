"""`make proof`: the platform under fire (issue 18). A seeded flow of cases through the public API, run on a fresh
platform undisturbed and on another while every part is killed with SIGKILL in turn and restarted; the two runs'
final states are compared. Then a sustained load of creditors and agents. See proof/README.md."""
