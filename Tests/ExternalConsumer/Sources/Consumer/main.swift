import Foundation
import InvoiceQL

// Builds the README's examples against the public API only, and runs the two that need no server.
let plan = try ReadmeExamples.plan()
let matches = try ReadmeExamples.filter(body: Data(Provider.elevate.sample.body.utf8))
print("consumer: \(plan.requests.count) request(s), \(matches.count) match(es)")
