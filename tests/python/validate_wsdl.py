"""Validate WSDL 1.1 documents and the XML Schemas they import.

Usage: validate_wsdl.py WSDL...

Each WSDL is loaded with xmlschema's Wsdl11Document, which validates it against the WSDL 1.1 schema and
resolves every reference (message parts to schema elements, port types, bindings, ports). Each schema that the
WSDL imports with a local schemaLocation is then compiled on its own as XML Schema 1.0. The script prints one
line per valid file to stdout. On the first invalid file it prints the validator's message to stderr and
exits with status 1.
"""

import sys
from pathlib import Path
from xml.etree import ElementTree

import xmlschema
from xmlschema.extras.wsdl import Wsdl11Document, WsdlParseError

XSD_NAMESPACE = "http://www.w3.org/2001/XMLSchema"
WSDL_NAMESPACE = "http://schemas.xmlsoap.org/wsdl/"


def imported_schema_paths(wsdl_path: Path) -> list[Path]:
    """Return the local files that the WSDL's types section imports or includes, in document order."""
    root = ElementTree.parse(wsdl_path).getroot()
    paths = []
    for tag in ("import", "include"):
        for element in root.iter(f"{{{XSD_NAMESPACE}}}{tag}"):
            location = element.get("schemaLocation")
            if location and "://" not in location:
                paths.append((wsdl_path.parent / location).resolve())
    return paths


def validate_wsdl(wsdl_path: Path) -> None:
    """Validate one WSDL and the schemas it imports, raising on the first error."""
    document = Wsdl11Document(str(wsdl_path), validation="strict")
    operation_count = sum(len(port_type.operations) for port_type in document.port_types.values())
    print(
        f"valid WSDL 1.1: {wsdl_path} (services: {len(document.services)}, "
        f"bindings: {len(document.bindings)}, operations: {operation_count})"
    )

    for schema_path in imported_schema_paths(wsdl_path):
        schema = xmlschema.XMLSchema10(str(schema_path), validation="strict")
        print(
            f"valid XML Schema 1.0: {schema_path} "
            f"(elements: {len(schema.elements)}, types: {len(schema.types)})"
        )


def main(arguments: list[str]) -> int:
    if not arguments:
        print(__doc__, file=sys.stderr)
        return 2

    for argument in arguments:
        wsdl_path = Path(argument)
        try:
            validate_wsdl(wsdl_path)
        except (xmlschema.XMLSchemaException, WsdlParseError, ElementTree.ParseError, OSError) as error:
            print(f"invalid: {wsdl_path}: {type(error).__name__}: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
