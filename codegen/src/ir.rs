//! The intermediate representation (IR): an owned model of the services, bindings, messages and
//! schema types of one WSDL and everything it imports.
//!
//! The resolve stage builds it from the parsed documents; naming and emit read it. Nothing here
//! refers to an `xmltree` type. Every schema type and global element has a stable id, and every
//! map is a `BTreeMap`, so iteration order (and so the generated code) is deterministic.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// A namespace-qualified XML name. `namespace` is `None` for a name in no namespace (an
/// unqualified local element or attribute, or a schema without `targetNamespace`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QName {
    /// Namespace URI.
    pub namespace: Option<String>,
    /// Local part.
    pub local: String,
}

/// Id of a schema type (named or anonymous) in [`Model::types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// Id of a global element declaration in [`Model::elements`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ElementId(pub usize);

/// Where a definition was read from, for error messages and warnings.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Source {
    /// File the definition is in.
    pub file: PathBuf,
    /// Element path inside the file, e.g. `/definitions/types/schema/complexType[enroll]`.
    pub path: String,
}

/// Everything the generator knows after resolving one entry WSDL.
#[derive(Clone, Debug, Default)]
pub struct Model {
    /// Schema types, named and anonymous.
    pub types: BTreeMap<TypeId, TypeDef>,
    /// Global element declarations.
    pub elements: BTreeMap<ElementId, ElementDef>,
    /// Services in document order, each with its ports.
    pub services: Vec<Service>,
    /// Bindings that at least one port uses or that the WSDL defines, in document order.
    pub bindings: Vec<Binding>,
    /// Every file read, entry WSDL first, for `cargo:rerun-if-changed` and the generated header.
    pub files: Vec<PathBuf>,
    /// Documentation of `wsdl:definitions`, if any.
    pub docs: Option<String>,
}

/// A schema type definition.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// Name of a named type; for an anonymous type, the name of the element or attribute that
    /// holds it, in that holder's namespace.
    pub name: QName,
    /// `true` for an anonymous type (its `name` is only a naming hint).
    pub anonymous: bool,
    /// Text of `xs:annotation/xs:documentation`, whitespace-trimmed.
    pub docs: Option<String>,
    /// Where it is defined.
    pub source: Source,
    /// What kind of type it is.
    pub kind: TypeKind,
}

/// Simple or complex.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// `xs:complexType`.
    Complex(ComplexType),
    /// `xs:simpleType`.
    Simple(SimpleType),
}

/// A complex type with its derivation already applied: an extension's base content comes first
/// in `content` and `attributes`, so an emitter needs no base lookup to lay out fields.
#[derive(Clone, Debug, PartialEq)]
pub struct ComplexType {
    /// `abstract="true"`.
    pub is_abstract: bool,
    /// Base type of `xs:extension`/`xs:restriction`, kept for documentation. The generated
    /// code does not pick a derived type by `xsi:type`.
    pub base: Option<TypeRef>,
    /// `mixed="true"`: text may appear between child elements.
    pub mixed: bool,
    /// Element or text content.
    pub content: Content,
    /// Attributes, attribute groups expanded, base attributes first.
    pub attributes: Vec<Attribute>,
    /// `xs:anyAttribute` is present (here or in a base).
    pub any_attribute: bool,
}

/// Content model of a complex type.
#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    /// No child elements and no text.
    Empty,
    /// Child elements: the top-level particle (usually a sequence), group refs expanded.
    Elements(Particle),
    /// Text content of a simple type (`xs:simpleContent`), plus the type's attributes.
    Simple(TypeRef),
}

/// `maxOccurs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaxOccurs {
    /// A finite bound.
    Bounded(u32),
    /// `unbounded`.
    Unbounded,
}

/// A particle: a term with its occurrence bounds.
#[derive(Clone, Debug, PartialEq)]
pub struct Particle {
    /// `minOccurs` (default 1).
    pub min_occurs: u32,
    /// `maxOccurs` (default 1).
    pub max_occurs: MaxOccurs,
    /// What occurs.
    pub term: Term,
}

/// The term of a particle.
#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    /// A local element declaration, or a reference to a global element.
    Element(ElementUse),
    /// `xs:sequence`.
    Sequence(Vec<Particle>),
    /// `xs:choice`.
    Choice(Vec<Particle>),
    /// `xs:all`.
    All(Vec<Particle>),
    /// `xs:any`.
    Any(Wildcard),
}

/// An element as it occurs inside a content model.
#[derive(Clone, Debug, PartialEq)]
pub struct ElementUse {
    /// Name on the wire: `namespace` is set exactly when the element is qualified (a global
    /// element reference, or `form`/`elementFormDefault` says `qualified`).
    pub name: QName,
    /// Type of the element's content.
    pub type_ref: TypeRef,
    /// `nillable="true"`.
    pub nillable: bool,
    /// The referenced global element, for `ref=` uses (substitution groups start here).
    pub global: Option<ElementId>,
    /// `default=` or `fixed=` value, if any.
    pub default: Option<String>,
    /// Documentation of the declaration.
    pub docs: Option<String>,
}

/// `xs:any` or `xs:anyAttribute`.
#[derive(Clone, Debug, PartialEq)]
pub struct Wildcard {
    /// The `namespace` attribute as written (`##any` when absent).
    pub namespace: String,
    /// `processContents` as written (`strict` when absent).
    pub process_contents: String,
}

/// An attribute declaration or use.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    /// Name on the wire; `namespace` set exactly when the attribute is qualified.
    pub name: QName,
    /// Simple type of the value.
    pub type_ref: TypeRef,
    /// `use="required"`.
    pub required: bool,
    /// `default=` or `fixed=` value.
    pub default: Option<String>,
    /// Documentation.
    pub docs: Option<String>,
}

/// A simple type definition.
#[derive(Clone, Debug, PartialEq)]
pub enum SimpleType {
    /// `xs:restriction` of a base. `enumeration` holds the `xs:enumeration` values in order;
    /// other facets are not kept.
    Restriction {
        /// The restricted type.
        base: TypeRef,
        /// Enumeration values with their documentation, in order.
        enumeration: Vec<EnumValue>,
    },
    /// `xs:list` of an item type (whitespace-separated on the wire).
    List {
        /// Item type.
        item: TypeRef,
    },
    /// `xs:union` of member types.
    Union {
        /// Member types, `memberTypes` first, then inline ones.
        members: Vec<TypeRef>,
    },
}

/// One `xs:enumeration` value.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumValue {
    /// The literal value on the wire.
    pub value: String,
    /// Documentation.
    pub docs: Option<String>,
}

/// A reference to a type: an XML Schema built-in or a type in [`Model::types`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// A built-in type of `http://www.w3.org/2001/XMLSchema` (or the 1999/2000 drafts).
    Builtin(Builtin),
    /// A defined type.
    Defined(TypeId),
}

/// XML Schema built-in types the generator maps to Rust types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Builtin {
    /// `xs:string` and its string-like derivations (`normalizedString`, `token`, `Name`, `NCName`,
    /// `ID`, `IDREF`, `language`, `ENTITY`, `NMTOKEN`, …) and `anyURI`.
    String,
    /// `xs:boolean`.
    Boolean,
    /// `xs:decimal`.
    Decimal,
    /// `xs:integer` (unbounded), also `nonPositiveInteger`, `negativeInteger`.
    Integer,
    /// `xs:nonNegativeInteger` and `positiveInteger` (unbounded).
    NonNegativeInteger,
    /// `xs:long`.
    Long,
    /// `xs:int`.
    Int,
    /// `xs:short`.
    Short,
    /// `xs:byte`.
    Byte,
    /// `xs:unsignedLong`.
    UnsignedLong,
    /// `xs:unsignedInt`.
    UnsignedInt,
    /// `xs:unsignedShort`.
    UnsignedShort,
    /// `xs:unsignedByte`.
    UnsignedByte,
    /// `xs:float`.
    Float,
    /// `xs:double`.
    Double,
    /// `xs:dateTime`.
    DateTime,
    /// `xs:date`.
    Date,
    /// `xs:time`.
    Time,
    /// `xs:duration`, `gYear`, `gMonth` and the other Gregorian fragments, kept as text.
    OtherTemporal,
    /// `xs:base64Binary`.
    Base64Binary,
    /// `xs:hexBinary`.
    HexBinary,
    /// `xs:QName` (and `NOTATION`).
    QName,
    /// `xs:anyURI`.
    AnyUri,
    /// `xs:anyType`: any content.
    AnyType,
    /// `xs:anySimpleType`: any text.
    AnySimpleType,
    /// Lists of built-ins (`NMTOKENS`, `IDREFS`, `ENTITIES`).
    StringList,
}

/// A global element declaration.
#[derive(Clone, Debug, PartialEq)]
pub struct ElementDef {
    /// Qualified name (global elements are always in the schema's target namespace).
    pub name: QName,
    /// Type of the content.
    pub type_ref: TypeRef,
    /// `abstract="true"`.
    pub is_abstract: bool,
    /// `nillable="true"`.
    pub nillable: bool,
    /// Head of the substitution group this element belongs to.
    pub substitution_group: Option<ElementId>,
    /// Documentation.
    pub docs: Option<String>,
    /// Where it is declared.
    pub source: Source,
}

/// A `wsdl:service`.
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    /// Service name.
    pub name: String,
    /// `wsdl:documentation`.
    pub docs: Option<String>,
    /// SOAP ports; ports with other bindings (HTTP GET/POST) are skipped with a warning.
    pub ports: Vec<Port>,
}

/// A SOAP `wsdl:port`.
#[derive(Clone, Debug, PartialEq)]
pub struct Port {
    /// Port name.
    pub name: String,
    /// Index into [`Model::bindings`].
    pub binding: usize,
    /// `soap:address/@location` or `soap12:address/@location`.
    pub address: String,
    /// `wsdl:documentation`.
    pub docs: Option<String>,
}

/// SOAP version of a binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SoapVersion {
    /// `http://schemas.xmlsoap.org/wsdl/soap/`.
    Soap11,
    /// `http://schemas.xmlsoap.org/wsdl/soap12/`.
    Soap12,
}

/// Binding style, per operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Style {
    /// `document`.
    Document,
    /// `rpc`.
    Rpc,
}

/// A SOAP `wsdl:binding` with its port type's operations merged in.
#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    /// Binding name.
    pub name: QName,
    /// Name of the `wsdl:portType` it implements.
    pub port_type: QName,
    /// SOAP version.
    pub version: SoapVersion,
    /// Documentation of the port type (or binding, when the port type has none).
    pub docs: Option<String>,
    /// Operations in port type order.
    pub operations: Vec<Operation>,
    /// Where it is defined.
    pub source: Source,
}

/// One operation of a binding.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// Operation name.
    pub name: String,
    /// `wsdl:documentation` of the port type operation.
    pub docs: Option<String>,
    /// `soap:operation/@soapAction` (empty when absent).
    pub soap_action: String,
    /// Effective style.
    pub style: Style,
    /// Request message.
    pub input: Message,
    /// Response message; `None` for one-way operations.
    pub output: Option<Message>,
    /// Declared faults, in order.
    pub faults: Vec<Fault>,
}

/// A message as it is laid out in the SOAP body and header.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// Name of the `wsdl:message`.
    pub name: QName,
    /// Body layout.
    pub body: Body,
    /// `soap:header` parts, in binding order.
    pub headers: Vec<HeaderPart>,
}

/// What the SOAP body carries.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// Document style: the body holds these global elements in order (one for wrapped style,
    /// none or several for bare style).
    Document(Vec<ElementId>),
    /// RPC style: the body holds one wrapper element, named after the operation (the response
    /// adds `Response`) in `namespace`, with one unqualified child per part.
    Rpc {
        /// Wrapper element name.
        wrapper: QName,
        /// Parts in order.
        parts: Vec<RpcPart>,
    },
}

/// One part of an RPC message.
#[derive(Clone, Debug, PartialEq)]
pub struct RpcPart {
    /// Part name (the child element's local name).
    pub name: String,
    /// Part type: `type=` directly, or the element's type for `element=` parts.
    pub type_ref: TypeRef,
    /// The global element for an `element=` part (the child is then named after it).
    pub element: Option<ElementId>,
}

/// A `soap:header` part.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderPart {
    /// Part name.
    pub name: String,
    /// Global element that the header block is.
    pub element: ElementId,
}

/// A `wsdl:fault` of an operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Fault {
    /// Fault name.
    pub name: String,
    /// Global element carried in the fault detail.
    pub element: ElementId,
}
