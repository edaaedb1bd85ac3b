"""The aged balance: outstanding by ageing bucket as of a date, overall or by debtor, and its CSV and XLSX exports."""
