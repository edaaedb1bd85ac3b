from intake.routes import cases, creditors, debtors, documents

ROUTERS = [creditors.router, cases.router, documents.router, debtors.router]
