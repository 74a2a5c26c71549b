"""Builds sample SOAP envelopes for WSDL operations with Python zeep, an independent SOAP stack.

Every element and attribute that zeep lets a caller set gets a realistic value, optional ones
included. Repeated ones get two items, each choice its first branch (a repeated choice its first
two), and each enumeration its first value. Optional xs:any wildcards stay empty, because
generated code drops wildcard content by design. The Rust round-trip test decodes these
envelopes with generated code, encodes them again and compares the two as XML.

Usage: zeep_messages.py OUT_DIR LABEL=WSDL_PATH[:OPERATION,OPERATION...] ...

Without an operation list, every operation of the WSDL's first SOAP binding is built. For each
operation and direction (input, and output unless the operation is one-way) the script writes
OUT_DIR/LABEL/OPERATION.DIRECTION.xml and prints one line "LABEL OPERATION DIRECTION FILE".
It exits 1 with the cause on stderr when a WSDL does not load or zeep rejects the values.
"""

import datetime
import decimal
import sys
from pathlib import Path

from lxml import etree
from zeep import Client, Settings
from zeep.transports import Transport
from zeep.xsd import ComplexType, Element
from zeep.xsd.elements.any import Any, AnyAttribute
from zeep.xsd.elements.indicators import Choice, Group, OrderIndicator
from zeep.xsd.types import builtins
from zeep.xsd.types.any import AnyType
from zeep.xsd.types.collection import ListType, UnionType
from zeep.xsd.types.simple import AnySimpleType

XS = "http://www.w3.org/2001/XMLSchema"

# Complex types nested deeper than this get only their required elements. An optional element
# whose type is already being filled further out is left out too, so recursive types end.
MAX_OPTIONAL_DEPTH = 10

# Deepest nesting filled at all; a required recursive element below it stops the script.
MAX_DEPTH = 24


class Fail(Exception):
    """A WSDL or operation that cannot be turned into sample messages."""


def schema_roots(wsdl_path):
    """Yield the root element of the WSDL and of every local file it imports or includes."""
    pending = [Path(wsdl_path).resolve()]
    seen = set()
    while pending and len(seen) < 200:
        path = pending.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        root = etree.parse(str(path)).getroot()
        yield root
        for node in root.iter():
            location = node.get("schemaLocation") or node.get("location")
            if location and "://" not in location and etree.QName(node).localname in (
                "import",
                "include",
                "redefine",
            ):
                pending.append((path.parent / location).resolve())


def enumerations(wsdl_path):
    """Map simple type names (named types by QName text, anonymous ones by the local name of
    their element or attribute) to the first value of their xs:enumeration facets."""
    found = {}
    for root in schema_roots(wsdl_path):
        for schema in root.iter(f"{{{XS}}}schema"):
            namespace = schema.get("targetNamespace")
            for simple in schema.iter(f"{{{XS}}}simpleType"):
                first = simple.find(f"{{{XS}}}restriction/{{{XS}}}enumeration")
                if first is None:
                    continue
                name = simple.get("name")
                if name is not None:
                    found[etree.QName(namespace, name).text] = first.get("value")
                    continue
                parent = simple.getparent()
                if parent is not None and parent.get("name") is not None:
                    found.setdefault(parent.get("name"), first.get("value"))
    return found


class LocalTransport(Transport):
    """A zeep transport that reads local files only, so no schema is fetched from the network."""

    def load(self, url):
        if "://" in url and not url.startswith("file://"):
            raise Fail(f"the WSDL needs {url}, but only local files are read")
        return super().load(url)


class Filler:
    """Chooses deterministic, realistic values for zeep types."""

    def __init__(self, enums):
        self.enums = enums
        self.counter = 0

    def next_number(self):
        self.counter += 1
        return self.counter

    def simple(self, xsd_type, name):
        """Return a value for a simple type; `name` is the element or attribute name."""
        qname = getattr(xsd_type, "qname", None)
        if qname is not None and qname.text in self.enums:
            return self.enums[qname.text]
        if qname is not None and qname.namespace != XS and name in self.enums:
            return self.enums[name]
        if isinstance(xsd_type, ListType):
            item = self.simple(xsd_type.item_type, name)
            return [item, item]
        if isinstance(xsd_type, UnionType):
            return self.simple(xsd_type.item_types[0], name)
        return self.builtin(xsd_type, name)

    def builtin(self, xsd_type, name):
        """Return a value by the built-in type `xsd_type` derives from."""
        number = self.next_number()
        checks = [
            (builtins.Boolean, lambda: number % 2 == 1),
            (builtins.NegativeInteger, lambda: -number),
            (builtins.NonPositiveInteger, lambda: -number),
            (builtins.UnsignedByte, lambda: 200 + number % 50),
            (builtins.Byte, lambda: 100 + number % 20),
            (builtins.PositiveInteger, lambda: 1000 + number),
            (builtins.NonNegativeInteger, lambda: 1000 + number),
            (builtins.Short, lambda: 300 + number),
            (builtins.Int, lambda: 70000 + number),
            (builtins.Long, lambda: 5000000000 + number),
            (builtins.Integer, lambda: 123456789012345678901234567890 + number),
            (builtins.Decimal, lambda: decimal.Decimal(f"{1234 + number}.75")),
            (builtins.Float, lambda: 2.5 + number),
            (builtins.Double, lambda: 1.25 + number),
            (builtins.DateTime, lambda: datetime.datetime(
                2024, 3, 15, 10, 30, number % 60,
                tzinfo=datetime.timezone(datetime.timedelta(hours=1)))),
            (builtins.Date, lambda: datetime.date(2024, 3, 1 + number % 28)),
            (builtins.Time, lambda: datetime.time(8, 15, number % 60)),
            (builtins.Base64Binary, lambda: f"bytes-{number}".encode()),
            (builtins.HexBinary, lambda: f"{number:04X}ABCD"),
            (builtins.AnyURI, lambda: f"https://example.test/{name}/{number}"),
            (builtins.QName, lambda: None),
            (builtins.Language, lambda: "en-GB"),
            (builtins.NCName, lambda: f"{name}{number}"),
            (builtins.Token, lambda: f"{name} {number}"),
        ]
        for cls, make in checks:
            if isinstance(xsd_type, cls):
                return make()
        # Strings and anything else that takes text, with characters that need escaping.
        return f"{name} #{number} <A & B>"

    def element_value(self, element, path):
        """Return the value for one element, a list of two for a repeated one, or None to
        leave it out. `path` lists the complex types being filled, outermost first."""
        if len(path) > MAX_DEPTH:
            raise Fail(f"element {element.name} nests deeper than {MAX_DEPTH} levels")
        if element.min_occurs == 0:
            recursive = isinstance(element.type, ComplexType) and id(element.type) in path
            if recursive or len(path) > MAX_OPTIONAL_DEPTH:
                return None
        repeated = element.max_occurs == "unbounded" or element.max_occurs > 1
        count = 2 if repeated else 1
        values = [self.single(element, path) for _ in range(count)]
        if any(value is None for value in values):
            return None
        return values if repeated else values[0]

    def single(self, element, path):
        xsd_type = element.type
        is_simple = isinstance(xsd_type, AnySimpleType)
        if isinstance(xsd_type, AnyType) and not is_simple and not isinstance(xsd_type, ComplexType):
            # xs:anyType content: plain text is the one value every stack renders alike.
            return f"free text of {element.name}"
        if isinstance(xsd_type, ComplexType):
            return self.complex(xsd_type, path)
        return self.simple(xsd_type, element.name)

    def complex(self, xsd_type, path):
        """Return the keyword arguments for a complex type as a dict."""
        path = path + (id(xsd_type),)
        values = {}
        for name, item in xsd_type.elements_nested:
            self.particle(name, item, path, values)
        for name, attribute in xsd_type.attributes:
            if isinstance(attribute, AnyAttribute) or attribute.type is None:
                continue
            value = self.simple(attribute.type, attribute.name)
            if value is not None:
                values[name] = value
        return values

    def choice(self, choice, path, skip=0):
        """Return the values of the first branch of a choice that gets any value, after
        passing over `skip` such branches (the last one when there are fewer)."""
        found = {}
        for option in choice:
            values = {}
            self.particle(getattr(option, "attr_name", None), option, path, values)
            if values:
                found = values
                if skip == 0:
                    break
                skip -= 1
        return found

    def group(self, indicator, path, skip=0):
        """Return the values of the items of a sequence, all or group."""
        values = {}
        if isinstance(indicator, Group):
            self.particle(None, indicator.child, path, values)
            return values
        for inner_name, inner in indicator.elements_nested:
            self.particle(inner_name, inner, path, values)
        return values

    def particle(self, name, item, path, values):
        """Add the value of one content model item (element, choice, sequence, group)."""
        if isinstance(item, Element):
            value = self.element_value(item, path)
            if value is not None:
                values[item.attr_name] = value
            return
        if isinstance(item, Any):
            # The generated code drops wildcard content by design, so an optional xs:any stays
            # empty; a required one gets one foreign element.
            if item.min_occurs > 0:
                extension = etree.Element("{urn:example:extension}note")
                extension.text = "extension content"
                values[name] = extension
            return

        make = self.choice if isinstance(item, Choice) else self.group
        first = make(item, path)
        repeated = item.max_occurs == "unbounded" or item.max_occurs > 1
        if first and repeated and name is not None:
            # zeep takes a repeated model group as a list of dicts under the group's name.
            # The second item takes the next branch of a choice.
            values[name] = [first, make(item, path, skip=1)]
        else:
            values.update(first)


def build_message(filler, message):
    """Return the serialized envelope of one zeep message (input or output)."""
    arguments = []
    keywords = {}
    body = message.body
    if body is not None:
        if isinstance(body.type, ComplexType):
            keywords = filler.complex(body.type, ())
        else:
            arguments = [filler.simple(body.type, body.name)]
    header = getattr(message, "header", None)
    if header is not None and isinstance(header.type, ComplexType) and header.type.elements:
        keywords["_soapheaders"] = filler.complex(header.type, ())
    serialized = message.serialize(*arguments, **keywords)
    return etree.tostring(serialized.content, xml_declaration=True, encoding="UTF-8")


def first_soap_binding(client):
    """Return the first SOAP 1.1 binding in document order, else the first SOAP 1.2 one."""
    bindings = list(client.wsdl.bindings.values())
    for kind in ("Soap11Binding", "Soap12Binding"):
        for binding in bindings:
            if binding.__class__.__name__ == kind:
                return binding
    raise Fail("the WSDL has no SOAP binding")


def build(out_dir, spec):
    label, _, rest = spec.partition("=")
    wsdl, _, names = rest.partition(":")
    if not label or not wsdl:
        raise Fail(f"invalid argument {spec!r}; expected LABEL=WSDL_PATH[:OPERATION,...]")

    settings = Settings(strict=False, xml_huge_tree=False)
    try:
        client = Client(wsdl, settings=settings, transport=LocalTransport())
    except Exception as error:  # zeep raises many exception types while loading
        raise Fail(f"zeep failed to load {wsdl}: {error}") from error
    binding = first_soap_binding(client)
    operations = names.split(",") if names else list(binding._operations)
    filler = Filler(enumerations(wsdl))

    directory = out_dir / label
    directory.mkdir(parents=True, exist_ok=True)
    for name in operations:
        operation = binding._operations.get(name)
        if operation is None:
            raise Fail(f"{label}: no operation {name} in binding {binding.name}")
        for direction in ("input", "output"):
            message = getattr(operation, direction)
            if message is None or (direction == "output" and message.body is None):
                continue
            try:
                xml = build_message(filler, message)
            except Fail:
                raise
            except Exception as error:
                raise Fail(f"{label}: zeep failed to build {name} {direction}: {error}") from error
            path = directory / f"{name}.{direction}.xml"
            path.write_bytes(xml)
            print(label, name, direction, path)


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    out_dir = Path(sys.argv[1])
    try:
        for spec in sys.argv[2:]:
            build(out_dir, spec)
    except Fail as error:
        print(f"zeep_messages.py: {error}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
