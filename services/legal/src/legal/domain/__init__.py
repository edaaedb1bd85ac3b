"""Pure rules of legal: which court and which procedure, the state machine and its deadlines, the exhibits a
request lists, the insolvency claim's outcomes, what falls due soon (courts, lifecycle, deadlines, exhibits,
insolvency, watch); partner missions' costs, reports and webhook signatures (partners); credit insurance
(insurance) and factoring (factoring). No session, no clock, no I/O: dates and rates come in as arguments."""
