import InvoiceQL

print("InvoiceQL benchmarks")
