from intake.routes import cases, creditors, debtors, documents, imports

ROUTERS = [creditors.router, cases.router, documents.router, debtors.router, imports.router]
