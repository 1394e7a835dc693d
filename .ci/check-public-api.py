#!/usr/bin/env python3
"""Checks the public API from the library's symbol graphs (built by .ci/docs):

- every public declaration has a documentation comment (protocol witnesses such as `description`
  or `==` inherit the protocol's, and synthesized members are skipped);
- every public type is named, unqualified, in Tests/InvoiceQLAPITests/FoundationNamesTests.swift,
  which imports Foundation beside InvoiceQL, so no public name clashes with Foundation's.

Prints the public type count. Exit status 1 when a check fails.
"""
import glob, json, os, re, sys

graphs, names_file = sys.argv[1], sys.argv[2]
WITNESSES = {'description', '==(_:_:)', 'hash(into:)', 'init(from:)', 'encode(to:)', 'makeAsyncIterator()',
             'next()', 'Element', 'AsyncIterator', 'rawValue', 'init(rawValue:)', '<(_:_:)', 'hashValue',
             'next(isolation:)', 'Failure', 'debugDescription', 'localizedDescription', 'errorDescription'}
TYPE_KINDS = {'swift.struct', 'swift.enum', 'swift.class', 'swift.protocol', 'swift.typealias', 'swift.actor'}
undocumented, types = [], set()
for path in sorted(glob.glob(os.path.join(graphs, '*.symbols.json'))):
    module = os.path.basename(path).split('.')[0].split('@')[0]
    if not module.startswith('InvoiceQL') or module in ('InvoiceQLCLI', 'InvoiceQLSimulation', 'InvoiceQLFuzzProperties'):
        continue
    graph = json.load(open(path))
    for symbol in graph.get('symbols', []):
        if symbol.get('accessLevel') not in ('public', 'open'):
            continue
        ident = symbol['identifier']['precise']
        if '::SYNTHESIZED::' in ident:
            continue
        components = symbol['pathComponents']
        title = symbol['names']['title']
        kind = symbol['kind']['identifier']
        if kind in TYPE_KINDS:
            types.add('.'.join(components))
        if title in WITNESSES or components[-1] in WITNESSES:
            continue
        if not symbol.get('docComment', {}).get('lines'):
            undocumented.append(f"{module}: {'.'.join(components)} ({kind})")
names_text = open(names_file).read()
top = sorted(t for t in types if '.' not in t)
missing = [t for t in top if not re.search(r'\b' + re.escape(t) + r'\b', names_text)]
print(f"public types: {len(top)} top-level, {len(types)} with nested ones")
print('  ' + ' '.join(top))
status = 0
if undocumented:
    print(f"{len(undocumented)} public declarations without documentation:")
    for line in sorted(set(undocumented)):
        print('  ' + line)
    status = 1
if missing:
    print(f"public types not named in {names_file}: {' '.join(missing)}")
    status = 1
if status == 0:
    print('every public declaration is documented; every public type is named beside Foundation')
sys.exit(status)
