#!/usr/bin/env python3
"""Validates one Open311 GeoReport v2 JSON response against the spec's JSON schemas.

  open311_schema_check.py SCHEMA_DIR SCHEMA_NAME RESPONSE_FILE

SCHEMA_DIR is ../shared/specs/open311/schemas; SCHEMA_NAME e.g. services.json or
requests.json (their items refer to service.json / request.json). Exit 0 when valid, 1 with
the first violation when not, 2 on a usage or environment problem. Uses Debian's
python3-jsonschema (scripts/setup installs it).
"""
import json
import pathlib
import sys
import warnings

warnings.filterwarnings('ignore', category=DeprecationWarning)  # RefResolver in newer versions

try:
    import jsonschema
except ImportError:
    print('open311_schema_check: python3-jsonschema is missing (run scripts/setup)', file=sys.stderr)
    sys.exit(2)

if len(sys.argv) != 4:
    print(__doc__, file=sys.stderr)
    sys.exit(2)
schema_dir = pathlib.Path(sys.argv[1]).resolve()
schema = json.loads((schema_dir / sys.argv[2]).read_text(encoding='utf-8'))
response = json.loads(pathlib.Path(sys.argv[3]).read_text(encoding='utf-8'))
resolver = jsonschema.RefResolver(schema_dir.as_uri() + '/', schema)
validator_class = jsonschema.validators.validator_for(schema)
validator = validator_class(schema, resolver=resolver, format_checker=jsonschema.FormatChecker())
errors = sorted(validator.iter_errors(response), key=lambda e: list(e.path))
if errors:
    e = errors[0]
    print(f'{sys.argv[2]}: {"/".join(map(str, e.path)) or "(root)"}: {e.message}', file=sys.stderr)
    sys.exit(1)
