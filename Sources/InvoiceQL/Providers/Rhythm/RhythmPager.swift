import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// rhythm: the page size is the server's; each page's `LastEvaluatedKey` goes back verbatim as the
/// `exclusiveStartKey` query parameter (a key that is an object goes back as its compact JSON), until it is absent, null or empty. A key seen before means
/// the server is looping: an error, never a silently short or endless listing.
package struct RhythmPager: Pager {
  package let firstRequest: NativeRequest
  private var seenKeys: Set<String> = []

  package init(firstRequest request: NativeRequest) {
    firstRequest = request.removingQueryParameter("exclusiveStartKey")
  }

  package mutating func nextRequest(after page: PageMetadata) throws(PagingError) -> NativeRequest? {
    guard let value = page.present("LastEvaluatedKey") else { return nil }
    let key = value.cursorText ?? value.compactText
    if key.isEmpty { return nil }
    guard seenKeys.insert(key).inserted else { throw .cursorRepeated(key) }
    guard seenKeys.count < PagerLimits.maxPages else { throw .tooManyPages(PagerLimits.maxPages) }
    return firstRequest.settingQueryParameter("exclusiveStartKey", to: key)
  }
}
