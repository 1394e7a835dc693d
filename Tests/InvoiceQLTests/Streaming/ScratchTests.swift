import Testing
@testable import InvoiceQL

@Test func scratch() throws {
  var generator = StreamingInvoiceGenerator(random: StreamingRandom(seed: 42))
  let body = Array(generator.rhythmBody(count: 4).utf8)
  let e: BoundExpression = .constant(true)
  let filter = try #require(ResponseFilter(provider: "rhythm", filter: e))
  for cut in 0...body.count {
    var f = filter
    do {
      let a = try f.feed(body[0..<cut])
      let b = try f.feed(body[cut...])
      let m = try f.finish()
      if a.count + b.count != 4 { print("cut \(cut): \(a.count)+\(b.count) items \(m.itemCount)"); break }
    } catch { print("cut \(cut): \(error)"); print(String(decoding: body, as: UTF8.self)); break }
  }
}
