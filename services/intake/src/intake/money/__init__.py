"""Pure money rules of a collection case: rates, penalties, interest, allocation, statements,
bank reconciliation and remittance. No session, no clock, no I/O: dates and rates are arguments."""
