#!/usr/bin/env python3
"""Writes api-response.json for `headroom demo`: GET /api/v2/orders?status=any&limit=40 of the demo order service.

Synthetic but shaped like a real REST API page (pretty-printed, 2-space indent, nested customer and
line items, ISO timestamps, a couple of failed payments). Deterministic. Usage: gen_api_response.py > api-response.json
"""
import datetime
import json
import random

random.seed(42)
start = datetime.datetime(2026, 3, 12, 9, 0, 0)
cities = [("Berlin", "DE"), ("Hamburg", "DE"), ("Paris", "FR"), ("Lyon", "FR"), ("Amsterdam", "NL"), ("Utrecht", "NL")]
skus = [("SKU-104-A", "USB-C cable 2m", 9.90), ("SKU-221-C", "Mechanical keyboard", 119.00),
        ("SKU-318-B", "27\" monitor", 289.00), ("SKU-412-D", "Laptop stand", 39.50), ("SKU-507-E", "Webcam 1080p", 64.90),
        ("SKU-611-F", "Noise-cancelling headset", 179.00), ("SKU-702-G", "Desk lamp", 29.95)]
orders = []
for i in range(40):
    created = start + datetime.timedelta(minutes=7 * i + random.randint(0, 6))
    city, country = random.choice(cities)
    lines = []
    for sku, name, price in random.sample(skus, random.randint(1, 3)):
        q = random.randint(1, 3)
        lines.append({"sku": sku, "name": name, "quantity": q, "unitPrice": price, "total": round(q * price, 2)})
    net = round(sum(l["total"] for l in lines), 2)
    failed = i in (17, 31)
    status = "PAYMENT_FAILED" if failed else random.choice(["PAID", "PAID", "SHIPPED", "DELIVERED", "PAID"])
    payment = {"provider": "adyen", "method": random.choice(["card", "ideal", "paypal", "sepa"]),
               "status": "REFUSED" if failed else "AUTHORISED",
               "pspReference": f"{random.randint(10**15, 10**16 - 1)}"}
    if failed:
        payment["refusalReason"] = "Timeout: acquirer did not respond within 30000ms" if i == 17 else "Insufficient funds"
    orders.append({
        "id": 84100 + i,
        "number": f"ACME-2026-{84100 + i:06d}",
        "status": status,
        "createdAt": created.isoformat() + "Z",
        "updatedAt": (created + datetime.timedelta(minutes=random.randint(1, 90))).isoformat() + "Z",
        "customer": {"id": f"C-{random.randint(1000, 9999)}", "email": f"customer{random.randint(100, 999)}@example.com",
                     "tier": random.choice(["standard", "standard", "gold"])},
        "shippingAddress": {"city": city, "country": country, "postalCode": f"{random.randint(10000, 99999)}"},
        "lines": lines,
        "currency": "EUR",
        "netTotal": net,
        "payment": payment,
        "tags": random.sample(["web", "mobile", "b2b", "promo-spring", "first-order"], random.randint(0, 2)),
    })
print(json.dumps({"data": orders, "page": {"limit": 40, "offset": 0, "total": 1873, "next": "/api/v2/orders?status=any&limit=40&offset=40"}}, indent=2))
