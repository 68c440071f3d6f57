"""The service catalog: what the product knows about BPO, KPO and LPO services.

Service types, delivery locations, rate cards, risks and providers arrive with the catalog
issue; this app must never import `assessments`.
"""
