"""The credit insurer's file: its grades and limits imported, each debtor touched rescored."""
