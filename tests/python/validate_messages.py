"""Validate the body of SOAP 1.1 envelopes against the schema of a WSDL, with two independent validators.

Usage: validate_messages.py WSDL ENVELOPE...

The first child of each envelope's soap:Body is validated by xmlschema (the WSDL's schema, as
Wsdl11Document loads it) and by libxml2's xmllint (the local schema file that the WSDL imports for the
body element's namespace). The script checks every envelope. It prints one line to stdout per envelope
that both validators accept, and one line to stderr per rejection with the validator's name and message.
Exit status: 0 when all envelopes are valid, 1 when any was rejected, 2 when the setup is broken (xmllint
missing, an invalid WSDL, or no imported schema for a body's namespace).
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.etree import ElementTree

import xmlschema
from xmlschema.extras.wsdl import Wsdl11Document

SOAP11_ENVELOPE_NAMESPACE = "http://schemas.xmlsoap.org/soap/envelope/"
XSD_NAMESPACE = "http://www.w3.org/2001/XMLSchema"
XMLLINT_TIMEOUT_SECONDS = 60


class SetupError(Exception):
    """A problem with the validation setup rather than with a message."""


def imported_schemas(wsdl_path: Path) -> dict[str, Path]:
    """Map each namespace that the WSDL imports from a local file to that file."""
    root = ElementTree.parse(wsdl_path).getroot()
    schemas = {}
    for element in root.iter(f"{{{XSD_NAMESPACE}}}import"):
        namespace = element.get("namespace")
        location = element.get("schemaLocation")
        if namespace and location and "://" not in location:
            schemas[namespace] = (wsdl_path.parent / location).resolve()
    return schemas


def body_payload(envelope_path: Path) -> ElementTree.Element:
    """Return the first child of the envelope's SOAP 1.1 Body."""
    root = ElementTree.parse(envelope_path).getroot()
    if root.tag != f"{{{SOAP11_ENVELOPE_NAMESPACE}}}Envelope":
        raise ValueError(f"root element is {root.tag}, expected a SOAP 1.1 Envelope")

    body = root.find(f"{{{SOAP11_ENVELOPE_NAMESPACE}}}Body")
    if body is None or len(body) == 0:
        raise ValueError("the envelope has no Body or an empty Body")
    return body[0]


def namespace_of(element: ElementTree.Element) -> str:
    return element.tag[1:].split("}", 1)[0] if element.tag.startswith("{") else ""


def run_xmllint(schema_path: Path, payload: ElementTree.Element) -> str | None:
    """Validate the payload with xmllint and return its message on rejection, or None when it is valid."""
    with tempfile.NamedTemporaryFile("wb", suffix=".xml") as instance:
        instance.write(ElementTree.tostring(payload, encoding="utf-8"))
        instance.flush()
        result = subprocess.run(
            ["xmllint", "--noout", "--schema", str(schema_path), instance.name],
            capture_output=True,
            text=True,
            timeout=XMLLINT_TIMEOUT_SECONDS,
        )
    if result.returncode == 0:
        return None
    return result.stderr.strip().replace(instance.name, "<body>")


def validate_envelope(schema, schema_files: dict[str, Path], envelope_path: Path) -> list[str]:
    """Return the rejections of one envelope, one string per validator that rejected it."""
    try:
        payload = body_payload(envelope_path)
    except (ElementTree.ParseError, ValueError) as error:
        return [f"parse: {error}"]

    namespace = namespace_of(payload)
    if namespace not in schema_files:
        raise SetupError(f"the WSDL imports no local schema for namespace '{namespace}' of {envelope_path}")

    rejections = []
    errors = list(schema.iter_errors(payload))
    if errors:
        rejections.append(f"xmlschema: {errors[0].reason} (at {errors[0].path})")

    xmllint_message = run_xmllint(schema_files[namespace], payload)
    if xmllint_message is not None:
        rejections.append(f"xmllint: {xmllint_message}")
    return rejections


def main(arguments: list[str]) -> int:
    if len(arguments) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    if shutil.which("xmllint") is None:
        print("xmllint not found: install libxml2-utils (apt-get install -y libxml2-utils)", file=sys.stderr)
        return 2

    wsdl_path = Path(arguments[0])
    try:
        schema = Wsdl11Document(str(wsdl_path), validation="strict").schema
        schema_files = imported_schemas(wsdl_path)
    except (xmlschema.XMLSchemaException, ElementTree.ParseError, OSError) as error:
        print(f"setup error: invalid WSDL {wsdl_path}: {type(error).__name__}: {error}", file=sys.stderr)
        return 2

    rejected = 0
    for argument in arguments[1:]:
        envelope_path = Path(argument)
        try:
            rejections = validate_envelope(schema, schema_files, envelope_path)
        except SetupError as error:
            print(f"setup error: {error}", file=sys.stderr)
            return 2

        if rejections:
            rejected += 1
            for rejection in rejections:
                print(f"invalid: {envelope_path}: {rejection}", file=sys.stderr)
        else:
            print(f"valid: {envelope_path}")
    return 1 if rejected else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
