"""Pure rules of court procedures: which court and which procedure, the state machine and its deadlines, the
exhibits a request lists, the insolvency claim's outcomes, what falls due soon. No session, no clock, no I/O."""
