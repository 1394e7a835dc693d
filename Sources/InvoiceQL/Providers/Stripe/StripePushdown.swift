import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// The list endpoint's pushdown (see ``StripeDialect``): each conjunct covered by one domain per
/// field (`ConjunctivePushdown.cover`), the domains of one parameter merged, then written.
struct StripePushdown {
  let conjuncts: [NormalExpression]
  let table: [FieldCapability]
  let render: (BoundExpression) -> String

  /// The last second a Unix-seconds field reads (`UnixTime.range`), plus one.
  static let end = UnixTime.range.upperBound + 1

  func run() -> Pushdown {
    var result = Pushdown()
    let covers = conjuncts.map(ConjunctivePushdown.cover)
    let (merged, order) = ConjunctivePushdown.merge(covers)
    // Per native parameter: the keys it carries exactly, and the fragment it pushed.
    var sent: Set<String> = []
    for key in order {
      guard let (field, domain) = merged[key], let cap = table.first(where: { $0.path == key.path }) else {
        continue
      }
      var exactKeys: [FieldKey] = []
      if let form = cap.equal {
        guard !sent.contains(form.name), let values = Self.texts(domain) else { continue }
        if values.count == 1 {
          result.items.append(NativeItem(name: form.name, value: values[0]))
        } else if form.name == "status", values.count <= StripeDialect.maxStatusListings,
          result.variants.isEmpty
        {
          result.variants = values.map { [NativeItem(name: form.name, value: $0)] }
        } else {
          continue
        }
        sent.insert(form.name)
        if cap.exact { exactKeys.append(key) }
        note(
          &result, field, domain, exact: cap.exact, reason: cap.reason, keys: [key], exactKeys: exactKeys,
          covers)
      } else if let lower = cap.lower, let upper = cap.upper, !sent.contains(lower.name) {
        // Every key on this parameter (`issueDate` and `createdAt` both read `created`) at once.
        let keys = order.filter { $0.path == key.path }
        var low = 0
        var high = Self.end
        for k in keys {
          guard let (f, d) = merged[k], let (lo, hi, exact) = Self.seconds(d, f) else { continue }
          low = max(low, lo)
          high = min(high, hi)
          if exact && cap.exactBounds { exactKeys.append(k) }
        }
        guard keys.contains(where: { k in merged[k].flatMap { Self.seconds($0.domain, $0.field) } != nil })
        else { continue }
        sent.insert(lower.name)
        result.items.append(NativeItem(name: lower.name, value: String(low)))
        result.items.append(NativeItem(name: upper.name, value: String(max(low, high))))
        for k in keys {
          guard let (f, d) = merged[k] else { continue }
          note(
            &result, f, d, exact: exactKeys.contains(k), reason: cap.reason, keys: [k], exactKeys: exactKeys,
            covers)
        }
      }
    }
    for (i, c) in conjuncts.enumerated() where result.notes[i] == nil {
      result.notes[i] = (.residual, ConjunctivePushdown.whyResidual(c, table: table))
    }
    return result
  }

  /// Records the fragment for `field`'s domain and what became of each conjunct covering `keys`.
  private func note(
    _ result: inout Pushdown, _ field: BoundField, _ domain: ValueDomain, exact: Bool, reason: String,
    keys: [FieldKey], exactKeys: [FieldKey], _ covers: [ConjunctivePushdown.Cover]
  ) {
    let listings = result.variants.count > 1 && field.path == ["status"]
    result.fragments.append(
      PushedFragment(
        predicate: render(DomainRenderer.expression(field, domain)), exactness: exact ? .exact : .superset,
        reason: listings ? "one request per value, merged without duplicates; " + reason : reason))
    result.fieldsFiltered.append(field)
    for key in keys {
      for (i, c) in covers.enumerated() where c[key] != nil {
        if exactKeys.contains(key), case .field(let g, _) = conjuncts[i], FieldKey(g) == key {
          result.exactConjuncts.insert(i)
          result.notes[i] = (.pushedExactly, reason)
        } else if result.notes[i] == nil || result.notes[i]?.0 == .residual {
          result.notes[i] = (.pushedAsSuperset, reason)
        }
      }
    }
  }

  /// The text values of a domain of points (ids, enum values) that may be sent; nil otherwise.
  static func texts(_ d: ValueDomain) -> [String]? {
    guard !d.includesNull, !d.includesUnreadable, let points = d.points, !points.isEmpty else { return nil }
    var out: [String] = []
    for p in points {
      guard case .string(let s) = p, StripeDialect.rules.allows(s, inList: false) else { return nil }
      out.append(s)
    }
    return out
  }

  /// The seconds `[lo, hi)` a Unix-seconds field's domain lies in (within the readable range), and
  /// whether that range is exactly the domain; nil when the domain is not one of such a field.
  static func seconds(_ d: ValueDomain, _ f: BoundField) -> (Int, Int, Bool)? {
    guard case .unixSeconds(let zone) = f.encoding, !d.includesNull, !d.includesUnreadable,
      let hull = d.hull
    else { return nil }
    var lo = 0
    var hi = end
    if let b = hull.lower {
      switch b.value {
      case .date(let day): lo = UnixTime.start(of: b.inclusive ? day : day.adding(days: 1), in: zone)
      case .instant(let i): lo = b.inclusive ? ceiling(i) : i.seconds + 1
      default: return nil
      }
    }
    if let b = hull.upper {
      switch b.value {
      case .date(let day): hi = UnixTime.start(of: b.inclusive ? day.adding(days: 1) : day, in: zone)
      case .instant(let i): hi = b.inclusive ? i.seconds + 1 : ceiling(i)
      default: return nil
      }
    }
    return (max(lo, 0), min(hi, end), d.ranges.count == 1)
  }

  /// The first whole second at or after `i`.
  static func ceiling(_ i: Instant) -> Int {
    i.fraction.contains(where: { $0 != UInt8(ascii: "0") }) ? i.seconds + 1 : i.seconds
  }
}
