"""Legal: court procedures and deadlines, partners (bailiffs, insurers, factors), missions, claims, factoring."""
