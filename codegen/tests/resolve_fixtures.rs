//! Resolves the fixtures under `tests/fixtures/` (one per construct) and the device WSDL, and
//! checks the IR they give.

use std::path::{Path, PathBuf};

use wsdl_codegen::ir::{
    Body, Builtin, Content, ElementDef, ElementId, MaxOccurs, Model, Particle, QName, SimpleType,
    SoapVersion, Style, Term, TypeDef, TypeId, TypeKind, TypeRef,
};
use wsdl_codegen::{load, Error, LoadOptions, Loaded, WarningKind};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn load_fixture(name: &str) -> Loaded {
    match load(&fixture(name), &LoadOptions::default()) {
        Ok(loaded) => loaded,
        Err(error) => panic!("{name} failed to load:\n{error}"),
    }
}

/// Loads a fixture that must fail and returns the diagnostics as `PATH: MESSAGE` lines.
fn diagnostics_of(name: &str) -> Vec<String> {
    match load(&fixture(name), &LoadOptions::default()) {
        Ok(_) => panic!("{name} loaded, but it must fail"),
        Err(Error::Input(diagnostics)) => diagnostics.iter().map(ToString::to_string).collect(),
        Err(other) => panic!("{name} failed with an unexpected error: {other}"),
    }
}

fn assert_reported(diagnostics: &[String], fragments: &[&str]) {
    let found = diagnostics
        .iter()
        .any(|line| fragments.iter().all(|fragment| line.contains(fragment)));
    assert!(
        found,
        "no diagnostic contains all of {fragments:?}:\n{}",
        diagnostics.join("\n")
    );
}

fn type_id(model: &Model, namespace: Option<&str>, local: &str) -> TypeId {
    let found = model.types.iter().find(|(_, def)| {
        !def.anonymous && def.name.local == local && def.name.namespace.as_deref() == namespace
    });
    match found {
        Some((id, _)) => *id,
        None => panic!("no named type {local} in {namespace:?}"),
    }
}

fn named<'m>(model: &'m Model, local: &str) -> &'m TypeDef {
    let found = model
        .types
        .values()
        .find(|def| !def.anonymous && def.name.local == local);
    found.unwrap_or_else(|| panic!("no named type {local}"))
}

fn defined<'m>(model: &'m Model, type_ref: &TypeRef) -> &'m TypeDef {
    match type_ref {
        TypeRef::Defined(id) => &model.types[id],
        TypeRef::Builtin(builtin) => panic!("expected a defined type, found {builtin:?}"),
    }
}

fn element_id(model: &Model, local: &str) -> ElementId {
    let found = model
        .elements
        .iter()
        .find(|(_, def)| def.name.local == local);
    found
        .map(|(id, _)| *id)
        .unwrap_or_else(|| panic!("no element {local}"))
}

fn element<'m>(model: &'m Model, local: &str) -> &'m ElementDef {
    &model.elements[&element_id(model, local)]
}

fn complex(def: &TypeDef) -> &wsdl_codegen::ir::ComplexType {
    match &def.kind {
        TypeKind::Complex(complex) => complex,
        TypeKind::Simple(_) => panic!("{} is a simple type", def.name.local),
    }
}

fn simple(def: &TypeDef) -> &SimpleType {
    match &def.kind {
        TypeKind::Simple(simple) => simple,
        TypeKind::Complex(_) => panic!("{} is a complex type", def.name.local),
    }
}

fn particle(def: &TypeDef) -> &Particle {
    match &complex(def).content {
        Content::Elements(particle) => particle,
        other => panic!("{} has no element content: {other:?}", def.name.local),
    }
}

fn items(particle: &Particle) -> &[Particle] {
    match &particle.term {
        Term::Sequence(items) | Term::Choice(items) | Term::All(items) => items,
        other => panic!("not a model group: {other:?}"),
    }
}

/// Returns the local names of the elements of a particle, depth first.
fn element_names(particle: &Particle) -> Vec<String> {
    match &particle.term {
        Term::Element(element) => vec![element.name.local.clone()],
        Term::Any(_) => vec!["*".to_string()],
        Term::Sequence(items) | Term::Choice(items) | Term::All(items) => {
            items.iter().flat_map(element_names).collect()
        }
    }
}

fn element_use(particle: &Particle) -> &wsdl_codegen::ir::ElementUse {
    match &particle.term {
        Term::Element(element) => element,
        other => panic!("not an element: {other:?}"),
    }
}

fn qname(namespace: Option<&str>, local: &str) -> QName {
    QName {
        namespace: namespace.map(str::to_string),
        local: local.to_string(),
    }
}

#[test]
fn choice_repeated_nested_and_extended() {
    let model = load_fixture("choice.wsdl").model;

    let payment = particle(named(&model, "Payment"));
    assert!(matches!(payment.term, Term::Choice(_)));
    assert_eq!(payment.max_occurs, MaxOccurs::Unbounded);
    assert_eq!(element_names(payment), ["card", "iban"]);

    let contact = particle(named(&model, "Contact"));
    let optional_choice = &items(contact)[1];
    assert_eq!(optional_choice.min_occurs, 0);
    assert!(matches!(items(optional_choice)[1].term, Term::Choice(_)));

    let company = particle(named(&model, "CompanyContact"));
    assert!(matches!(company.term, Term::Sequence(_)));
    assert_eq!(
        items(company).len(),
        3,
        "base items spliced in before the extension's choice"
    );
    assert_eq!(
        element_names(company),
        ["name", "email", "phone", "fax", "vatId", "registry"]
    );
    assert!(matches!(items(company)[2].term, Term::Choice(_)));
}

#[test]
fn derivation_extension_and_restriction() {
    let model = load_fixture("derivation.wsdl").model;
    let abstract_id = type_id(&model, Some("urn:fixture:derivation"), "AbstractResponse");

    assert!(complex(named(&model, "AbstractResponse")).is_abstract);

    let collect = complex(named(&model, "CollectResponse"));
    assert_eq!(collect.base, Some(TypeRef::Defined(abstract_id)));
    assert_eq!(
        element_names(particle(named(&model, "CollectResponse"))),
        ["statusCode", "certificate"]
    );
    let attributes: Vec<&str> = collect
        .attributes
        .iter()
        .map(|a| a.name.local.as_str())
        .collect();
    assert_eq!(attributes, ["version", "format"]);

    let status_only = complex(named(&model, "StatusOnly"));
    assert!(
        status_only.attributes.is_empty(),
        "prohibited attribute removed"
    );
    assert_eq!(
        element_names(particle(named(&model, "StatusOnly"))),
        ["statusCode"]
    );

    let amount = complex(named(&model, "Amount"));
    assert_eq!(
        amount.content,
        Content::Simple(TypeRef::Builtin(Builtin::Decimal))
    );
    assert!(amount.attributes[0].required);

    let euro = complex(named(&model, "EuroAmount"));
    let Content::Simple(value) = &euro.content else {
        panic!("EuroAmount has simple content");
    };
    let SimpleType::Restriction { base, enumeration } = simple(defined(&model, value)) else {
        panic!("EuroAmount's value type is an enumeration");
    };
    assert_eq!(*base, TypeRef::Builtin(Builtin::Decimal));
    let values: Vec<&str> = enumeration.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["1.00", "2.00"]);
    assert_eq!(euro.attributes[0].default.as_deref(), Some("EUR"));
}

#[test]
fn simple_types_enum_list_union() {
    let model = load_fixture("simple_types.wsdl").model;
    let reason_id = type_id(&model, Some("urn:fixture:simple"), "RevocationReason");

    let reason = named(&model, "RevocationReason");
    assert_eq!(
        reason.docs.as_deref(),
        Some("Why a certificate is revoked.")
    );
    let SimpleType::Restriction { base, enumeration } = simple(reason) else {
        panic!("RevocationReason is a restriction");
    };
    assert_eq!(*base, TypeRef::Builtin(Builtin::String));
    assert_eq!(enumeration[0].value, "keyCompromise");
    assert_eq!(
        enumeration[0].docs.as_deref(),
        Some("The private key leaked.")
    );

    assert_eq!(
        *simple(named(&model, "Terms")),
        SimpleType::List {
            item: TypeRef::Builtin(Builtin::Int)
        }
    );
    let SimpleType::List { item } = simple(named(&model, "Sizes")) else {
        panic!("Sizes is a list");
    };
    let item_type = defined(&model, item);
    assert!(item_type.anonymous);
    assert_eq!(item_type.name.local, "Sizes");

    let SimpleType::Union { members } = simple(named(&model, "ReasonOrCode")) else {
        panic!("ReasonOrCode is a union");
    };
    assert_eq!(members.len(), 3);
    assert_eq!(members[0], TypeRef::Defined(reason_id));
    assert_eq!(members[1], TypeRef::Builtin(Builtin::Int));
    assert!(defined(&model, &members[2]).anonymous);
}

#[test]
fn builtins_map_without_loss() {
    let model = load_fixture("simple_types.wsdl").model;
    let revoke = defined(&model, &element(&model, "revoke").type_ref);
    let expected = [
        ("string", Builtin::String),
        ("token", Builtin::String),
        ("boolean", Builtin::Boolean),
        ("decimal", Builtin::Decimal),
        ("integer", Builtin::Integer),
        ("nonNegativeInteger", Builtin::NonNegativeInteger),
        ("long", Builtin::Long),
        ("int", Builtin::Int),
        ("short", Builtin::Short),
        ("byte", Builtin::Byte),
        ("unsignedLong", Builtin::UnsignedLong),
        ("unsignedInt", Builtin::UnsignedInt),
        ("unsignedShort", Builtin::UnsignedShort),
        ("unsignedByte", Builtin::UnsignedByte),
        ("float", Builtin::Float),
        ("double", Builtin::Double),
        ("dateTime", Builtin::DateTime),
        ("date", Builtin::Date),
        ("time", Builtin::Time),
        ("duration", Builtin::OtherTemporal),
        ("base64Binary", Builtin::Base64Binary),
        ("hexBinary", Builtin::HexBinary),
        ("QName", Builtin::QName),
        ("anyURI", Builtin::AnyUri),
        ("anyType", Builtin::AnyType),
        ("anySimpleType", Builtin::AnySimpleType),
        ("NMTOKENS", Builtin::StringList),
    ];
    let fields = items(particle(revoke));
    for (local, builtin) in expected {
        let field = fields
            .iter()
            .map(element_use)
            .find(|field| field.name.local == local)
            .unwrap_or_else(|| panic!("no field {local}"));
        assert_eq!(field.type_ref, TypeRef::Builtin(builtin), "field {local}");
    }
}

#[test]
fn groups_refs_keep_own_occurs() {
    let model = load_fixture("groups.wsdl").model;
    let person_def = named(&model, "Person");
    let person = items(particle(person_def));

    assert_eq!(person[0].min_occurs, 0);
    assert_eq!(person[0].max_occurs, MaxOccurs::Bounded(3));
    assert_eq!(element_names(&person[0]), ["first", "last"]);

    let note = element_use(&person[1]);
    assert_eq!(note.global, Some(element_id(&model, "note")));
    assert_eq!(note.name, qname(Some("urn:fixture:groups"), "note"));
    assert!(note.nillable);
    assert_eq!(person[1].max_occurs, MaxOccurs::Unbounded);

    let extra = element_use(&person[2]);
    assert_eq!(extra.type_ref, TypeRef::Builtin(Builtin::AnyType));
    assert!(extra.nillable);

    let Term::Any(wildcard) = &person[3].term else {
        panic!("fourth particle is xs:any");
    };
    assert_eq!(wildcard.namespace, "##other");
    assert_eq!(wildcard.process_contents, "lax");

    let complex_type = complex(person_def);
    let attributes: Vec<&str> = complex_type
        .attributes
        .iter()
        .map(|a| a.name.local.as_str())
        .collect();
    assert_eq!(attributes, ["createdBy", "createdAt"]);
    assert!(complex_type.attributes[1].required);
    assert!(complex_type.any_attribute);

    assert!(matches!(
        particle(named(&model, "Address")).term,
        Term::All(_)
    ));
}

#[test]
fn substitution_group_members_and_head() {
    let model = load_fixture("substitution_group.wsdl").model;
    let head = element_id(&model, "item");
    let item_type = type_id(&model, Some("urn:fixture:substitution"), "Item");

    assert!(element(&model, "item").is_abstract);
    assert_eq!(element(&model, "message").substitution_group, Some(head));
    assert_eq!(element(&model, "plainItem").substitution_group, Some(head));
    assert_eq!(
        element(&model, "plainItem").type_ref,
        TypeRef::Defined(item_type)
    );

    let get_items = defined(&model, &element(&model, "getItems").type_ref);
    assert_eq!(
        element_use(&items(particle(get_items))[0]).global,
        Some(head)
    );
}

#[test]
fn recursive_types_are_ids() {
    let model = load_fixture("recursion.wsdl").model;
    let node = type_id(&model, Some("urn:fixture:recursion"), "Node");
    let folder = type_id(&model, Some("urn:fixture:recursion"), "Folder");
    let file = type_id(&model, Some("urn:fixture:recursion"), "File");

    let node_fields = items(particle(&model.types[&node]));
    assert_eq!(
        element_use(&node_fields[1]).type_ref,
        TypeRef::Defined(node)
    );
    let folder_fields = items(particle(&model.types[&folder]));
    assert_eq!(
        element_use(&folder_fields[0]).type_ref,
        TypeRef::Defined(file)
    );
    let file_fields = items(particle(&model.types[&file]));
    assert_eq!(
        element_use(&file_fields[0]).type_ref,
        TypeRef::Defined(folder)
    );

    let tree = element_id(&model, "tree");
    let tree_type = defined(&model, &model.elements[&tree].type_ref);
    assert_eq!(
        element_use(&items(particle(tree_type))[1]).global,
        Some(tree)
    );
}

#[test]
fn element_and_type_share_name() {
    let model = load_fixture("element_type_same_name.wsdl").model;
    let namespace = Some("urn:fixture:jaxws");
    let enroll_type = type_id(&model, namespace, "enroll");

    let enroll = element(&model, "enroll");
    assert_eq!(enroll.name, qname(namespace, "enroll"));
    assert_eq!(enroll.type_ref, TypeRef::Defined(enroll_type));
    let children = items(particle(&model.types[&enroll_type]));
    assert_eq!(
        element_use(&children[0]).name,
        qname(None, "commonName"),
        "children unqualified"
    );

    let response_type = defined(&model, &element(&model, "enrollResponse").type_ref);
    assert!(response_type.anonymous);
    assert_eq!(response_type.name, qname(namespace, "enrollResponse"));
    let detail = element_use(&items(particle(response_type))[1]);
    let detail_type = defined(&model, &detail.type_ref);
    assert!(detail_type.anonymous);
    assert_eq!(detail_type.name, qname(None, "detail"));
}

#[test]
fn forms_per_schema_and_chameleon() {
    let model = load_fixture("forms.wsdl").model;
    let a = Some("urn:fixture:forms:a");
    let b = Some("urn:fixture:forms:b");

    let record_a = &model.types[&type_id(&model, a, "Record")];
    let fields = items(particle(record_a));
    assert_eq!(element_use(&fields[0]).name, qname(a, "qualifiedByDefault"));
    assert_eq!(
        element_use(&fields[1]).name,
        qname(None, "unqualifiedByForm")
    );
    let attributes = &complex(record_a).attributes;
    assert_eq!(attributes[0].name, qname(a, "qualifiedAttribute"));
    assert_eq!(attributes[1].name, qname(None, "unqualifiedAttribute"));

    let shared = type_id(&model, a, "Shared");
    assert_eq!(element_use(&fields[2]).type_ref, TypeRef::Defined(shared));
    let shared_fields = items(particle(&model.types[&shared]));
    assert_eq!(
        element_use(&shared_fields[0]).name,
        qname(None, "note"),
        "own form defaults"
    );
    assert_eq!(
        element_use(&shared_fields[1]).type_ref,
        TypeRef::Defined(shared)
    );
    assert_eq!(
        complex(&model.types[&shared]).attributes[0].name,
        qname(None, "id")
    );

    let record_b = &model.types[&type_id(&model, b, "Record")];
    let fields_b = items(particle(record_b));
    assert_eq!(
        element_use(&fields_b[0]).name,
        qname(None, "unqualifiedByDefault")
    );
    assert_eq!(element_use(&fields_b[1]).name, qname(b, "qualifiedByForm"));
    assert_eq!(
        element_use(&fields_b[2]).type_ref,
        TypeRef::Defined(type_id(&model, a, "Record"))
    );
}

#[test]
fn imports_cycles_and_siblings() {
    let loaded = load_fixture("imports.wsdl");
    let model = &loaded.model;

    assert_eq!(model.files.len(), 5, "{:?}", model.files);
    assert!(model.files[0].ends_with("imports.wsdl"));
    for local in ["Sibling", "A", "B", "APart"] {
        named(model, local);
    }

    let binding = &model.bindings[0];
    assert_eq!(
        binding.port_type,
        qname(Some("urn:fixture:imports:abstract"), "Fetcher")
    );
    assert_eq!(binding.docs.as_deref(), Some("Fetches things."));
    assert_eq!(binding.operations[0].name, "fetch");
    assert_eq!(
        binding.operations[0].input.body,
        Body::Document(vec![element_id(model, "fetch")])
    );
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn absolute_location_needs_mapping() {
    let entry = fixture("imports/location_map.wsdl");
    let Err(Error::Input(diagnostics)) = load(&entry, &LoadOptions::default()) else {
        panic!("an unmapped absolute URL must fail");
    };
    let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_reported(
        &lines,
        &[
            "https://schemas.example.test/mapped.xsd",
            "map this exact URL",
        ],
    );

    let mut options = LoadOptions::default();
    options.location_map.insert(
        "https://schemas.example.test/mapped.xsd".to_string(),
        fixture("imports/mapped.xsd"),
    );
    let loaded =
        load(&entry, &options).unwrap_or_else(|error| panic!("mapped load failed:\n{error}"));
    named(&loaded.model, "Mapped");
    assert_eq!(loaded.model.files.len(), 2);
}

#[test]
fn bindings_soap11_soap12_and_ports() {
    let loaded = load_fixture("bindings.wsdl");
    let model = &loaded.model;
    assert!(
        loaded.warnings.is_empty(),
        "HTTP bindings are skipped quietly: {:?}",
        loaded.warnings
    );
    assert_eq!(model.docs.as_deref(), Some("Orders service."));

    assert_eq!(model.bindings.len(), 2);
    assert_eq!(model.bindings[0].version, SoapVersion::Soap11);
    assert_eq!(model.bindings[1].version, SoapVersion::Soap12);
    assert_eq!(model.bindings[0].docs.as_deref(), Some("Places orders."));

    let order_service = &model.services[0];
    assert_eq!(order_service.docs.as_deref(), Some("The order service."));
    let ports: Vec<&str> = order_service
        .ports
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(ports, ["OrdersSoap", "OrdersSoap12"]);
    assert_eq!(
        order_service.ports[0].docs.as_deref(),
        Some("SOAP 1.1 port.")
    );
    assert_eq!(order_service.ports[1].binding, 1);
    assert_eq!(
        order_service.ports[1].address,
        "http://127.0.0.1:8080/orders12"
    );
    assert_eq!(model.services[1].ports[0].binding, 0);
}

#[test]
fn bindings_operations_headers_faults() {
    let model = load_fixture("bindings.wsdl").model;
    let session = element_id(&model, "session");
    let trace = element_id(&model, "trace");

    let place = &model.bindings[0].operations[0];
    assert_eq!(place.name, "placeOrder");
    assert_eq!(place.docs.as_deref(), Some("Places one order."));
    assert_eq!(place.soap_action, "urn:placeOrder");
    assert_eq!(place.style, Style::Document);
    assert_eq!(
        place.input.body,
        Body::Document(vec![element_id(&model, "order")])
    );
    let headers: Vec<ElementId> = place.input.headers.iter().map(|h| h.element).collect();
    assert_eq!(headers, [session, trace]);
    assert_eq!(place.faults[0].name, "outOfStock");
    assert_eq!(place.faults[0].element, element_id(&model, "outOfStock"));

    let ping = &model.bindings[0].operations[1];
    assert_eq!(ping.output, None, "one-way");

    let place12 = &model.bindings[1].operations[0];
    assert_eq!(place12.soap_action, "urn:placeOrder12");
    assert_eq!(
        place12.input.body,
        Body::Document(vec![element_id(&model, "order")])
    );
    assert_eq!(place12.input.headers.len(), 1);
}

#[test]
fn rpc_literal_wrapper_and_parts() {
    let model = load_fixture("rpc_literal.wsdl").model;
    let quote = type_id(&model, Some("urn:fixture:rpc"), "Quote");
    let operations = &model.bindings[0].operations;

    let get_quote = &operations[0];
    assert_eq!(get_quote.style, Style::Rpc);
    let Body::Rpc { wrapper, parts } = &get_quote.input.body else {
        panic!("rpc body");
    };
    assert_eq!(*wrapper, qname(Some("urn:fixture:rpc:wrapper"), "getQuote"));
    assert_eq!(parts[0].name, "symbol");
    assert_eq!(parts[0].element, Some(element_id(&model, "symbol")));
    assert_eq!(parts[0].type_ref, TypeRef::Builtin(Builtin::String));
    assert_eq!(parts[1].type_ref, TypeRef::Builtin(Builtin::Int));
    assert_eq!(parts[1].element, None);

    let output = get_quote.output.as_ref().expect("getQuote has an output");
    let Body::Rpc { wrapper, parts } = &output.body else {
        panic!("rpc output body");
    };
    assert_eq!(wrapper.local, "getQuoteResponse");
    assert_eq!(parts[0].type_ref, TypeRef::Defined(quote));

    assert_eq!(
        operations[1].style,
        Style::Document,
        "operation style overrides binding style"
    );
}

#[test]
fn document_bare_and_type_parts() {
    let loaded = load_fixture("document_bare.wsdl");
    let model = &loaded.model;
    let operations = &model.bindings[0].operations;

    let first = element_id(model, "first");
    let second = element_id(model, "second");
    assert_eq!(
        operations[0].input.body,
        Body::Document(vec![first, second])
    );
    let empty = operations[0].output.as_ref().expect("send has an output");
    assert_eq!(empty.body, Body::Document(Vec::new()));

    let typed = operations[1].output.as_ref().expect("typed has an output");
    let Body::Document(elements) = &typed.body else {
        panic!("document body");
    };
    let synthesized = &model.elements[&elements[0]];
    assert_eq!(synthesized.name, qname(None, "result"));
    assert_eq!(synthesized.type_ref, TypeRef::Builtin(Builtin::String));
    assert!(loaded
        .warnings
        .iter()
        .any(|w| w.kind == WarningKind::DocumentTypePart));
}

#[test]
fn obsolete_xsd_namespace() {
    let model = load_fixture("xsd_2000.wsdl").model;
    let request = defined(&model, &element(&model, "TradePriceRequest").type_ref);
    let request_particle = particle(request);
    assert!(matches!(request_particle.term, Term::All(_)));
    let fields = items(request_particle);
    assert_eq!(
        element_use(&fields[0]).type_ref,
        TypeRef::Builtin(Builtin::String)
    );
    assert_eq!(
        element_use(&fields[1]).type_ref,
        TypeRef::Builtin(Builtin::DateTime)
    );
}

#[test]
fn skipped_constructs_warn() {
    let loaded = load_fixture("skipped_constructs.wsdl");
    let kinds: Vec<WarningKind> = loaded.warnings.iter().map(|w| w.kind).collect();
    for expected in [
        WarningKind::Redefine,
        WarningKind::IdentityConstraint,
        WarningKind::Notation,
        WarningKind::Policy,
        WarningKind::ParameterOrder,
        WarningKind::MimeBinding,
        WarningKind::UnsupportedBinding,
    ] {
        assert!(
            kinds.contains(&expected),
            "no {expected:?} warning in {kinds:?}"
        );
    }
    let identity = kinds
        .iter()
        .filter(|kind| **kind == WarningKind::IdentityConstraint)
        .count();
    assert_eq!(identity, 2);

    let model = &loaded.model;
    named(model, "Checksum");
    assert_eq!(model.services[0].ports.len(), 1, "JMS port skipped");
    let upload = &model.bindings[0].operations[0];
    assert_eq!(
        upload.input.body,
        Body::Document(vec![element_id(model, "upload")])
    );
}

#[test]
fn document_encoded_names_style() {
    let diagnostics = diagnostics_of("invalid/document_encoded.wsdl");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_reported(
        &diagnostics,
        &["binding SearchBinding", "document/encoded", "not supported"],
    );
}

#[test]
fn rpc_encoded_names_binding() {
    let diagnostics = diagnostics_of("invalid/rpc_encoded.wsdl");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_reported(
        &diagnostics,
        &[
            "/definitions/binding[SearchBinding]: ",
            "binding SearchBinding",
            "rpc/encoded",
            "not supported",
        ],
    );
}

#[test]
fn unknown_references_all_reported() {
    let diagnostics = diagnostics_of("invalid/unknown_references.wsdl");
    let order = "/definitions/types/schema/complexType[Order]/sequence";
    assert_reported(
        &diagnostics,
        &[
            &format!("{order}/element[where]: "),
            "undeclared namespace prefix \"nowhere\"",
        ],
    );
    assert_reported(
        &diagnostics,
        &["message {urn:fixture:unknown}orderResponse not found"],
    );
    assert_reported(
        &diagnostics,
        &[
            "/definitions/message[cancel]/part[parameters]: ",
            "cancel not found",
        ],
    );
    assert_reported(
        &diagnostics,
        &[
            "/definitions/service[OrderService]/port[OrdersPort]: ",
            "OrdersBindng not found",
        ],
    );
    assert_eq!(diagnostics.len(), 4, "{diagnostics:#?}");

    let joined = diagnostics.join("\n");
    for warning_only in ["Item not found", "note not found", "dateTme", "ordr"] {
        assert!(
            !joined.contains(warning_only),
            "{warning_only} must be a warning, not an error:\n{joined}"
        );
    }
}

/// Returns the warnings of `kind` as `FILE: PATH: MESSAGE` lines.
fn warnings_of(loaded: &Loaded, kind: WarningKind) -> Vec<String> {
    loaded
        .warnings
        .iter()
        .filter(|warning| warning.kind == kind)
        .map(ToString::to_string)
        .collect()
}

#[test]
fn lenient_schema_references_become_any_type() {
    let loaded = load_fixture("lenient.wsdl");
    let warnings = warnings_of(&loaded, WarningKind::UnresolvedReference);
    let order = "lenient.wsdl: /definitions/types/schema/complexType[Order]";
    assert_reported(
        &warnings,
        &[
            &format!("{order}/sequence/element[item]: "),
            "type {urn:fixture:lenient}Item not found",
            "kept as xs:anyType",
        ],
    );
    assert_reported(
        &warnings,
        &[
            &format!("{order}/sequence/element: "),
            "element {urn:fixture:lenient}note not found",
        ],
    );
    assert_reported(
        &warnings,
        &[
            &format!("{order}/sequence/element[when]: "),
            "unknown XML Schema built-in type \"dateTme\"",
        ],
    );
    assert_reported(
        &warnings,
        &[
            &format!("{order}/sequence/element[origin]: "),
            "no schema for namespace \"urn:fixture:not-loaded\" was loaded",
        ],
    );
    assert_reported(
        &warnings,
        &[
            &format!("{order}/attribute: "),
            "attribute {urn:fixture:lenient}priority not found",
        ],
    );
    assert_reported(
        &warnings,
        &[
            "complexType[RushOrder]/complexContent/extension: ",
            "BaseOrder not found",
        ],
    );
    assert_reported(
        &warnings,
        &[
            "simpleType[Code]/restriction: ",
            "CodeBase not found",
            "xs:anySimpleType",
        ],
    );
    assert_reported(
        &warnings,
        &[
            "element[rush]: ",
            "anyOrder not found",
            "substitution group",
        ],
    );
    assert_eq!(warnings.len(), 8, "{warnings:#?}");

    let model = &loaded.model;
    let fields = particle(named(model, "Order"));
    let any = TypeRef::Builtin(Builtin::AnyType);
    let item = element_use(&items(fields)[0]);
    assert_eq!(item.type_ref, any);
    let note = element_use(&items(fields)[1]);
    assert_eq!(note.name, qname(Some("urn:fixture:lenient"), "note"));
    assert_eq!(note.type_ref, any);
    assert_eq!(element_use(&items(fields)[2]).type_ref, any);
    assert_eq!(element_use(&items(fields)[3]).type_ref, any);

    let attributes = &complex(named(model, "Order")).attributes;
    assert_eq!(attributes.len(), 1, "{attributes:?}");
    assert_eq!(
        attributes[0].name,
        qname(Some("urn:fixture:lenient"), "priority")
    );
    assert_eq!(
        attributes[0].type_ref,
        TypeRef::Builtin(Builtin::AnySimpleType)
    );

    let rush = named(model, "RushOrder");
    assert_eq!(element_names(particle(rush)), ["deadline"]);
    assert_eq!(element(model, "rush").substitution_group, None);
    let SimpleType::Restriction { base, .. } = simple(named(model, "Code")) else {
        panic!("Code is a restriction");
    };
    assert_eq!(*base, TypeRef::Builtin(Builtin::AnySimpleType));
}

#[test]
fn lenient_invalid_structure_is_skipped() {
    let loaded = load_fixture("lenient.wsdl");
    let warnings = warnings_of(&loaded, WarningKind::InvalidSchema);
    assert_reported(
        &warnings,
        &[
            "lenient_types.xsd: /schema/element[receipt]/sequence: ",
            "xs:sequence is not allowed inside xs:element",
            "skipped",
        ],
    );
    assert_reported(
        &warnings,
        &[
            "complexType[Order]/sequence/attribute[misplaced]: ",
            "xs:attribute is not allowed inside xs:sequence",
        ],
    );
    assert_eq!(warnings.len(), 2, "{warnings:#?}");

    let model = &loaded.model;
    assert_eq!(
        element(model, "receipt").type_ref,
        TypeRef::Builtin(Builtin::AnyType),
        "the content of receipt is kept as xs:anyType"
    );
    let order = particle(named(model, "Order"));
    assert_eq!(
        element_names(order),
        ["item", "note", "when", "origin", "count"]
    );
}

#[test]
fn lenient_binding_operations_and_parts() {
    let loaded = load_fixture("lenient.wsdl");
    let unknown_operations = warnings_of(&loaded, WarningKind::UnknownBindingOperation);
    assert_eq!(unknown_operations.len(), 1, "{unknown_operations:#?}");
    assert_reported(
        &unknown_operations,
        &[
            "/definitions/binding[OrdersSoap]/operation[cancelOrder]: ",
            "no such operation in portType Orders",
            "skipped",
        ],
    );

    let unknown_parts = warnings_of(&loaded, WarningKind::UnknownPart);
    assert_eq!(unknown_parts.len(), 2, "{unknown_parts:#?}");
    assert_reported(
        &unknown_parts,
        &[
            "/definitions/binding[OrdersSoap]/operation[placeOrder]/input/body: ",
            "\"in\"",
            "{urn:fixture:lenient}orderRequest",
        ],
    );
    assert_reported(
        &unknown_parts,
        &["operation[placeRush]/input/body: ", "\"extra\""],
    );

    let model = &loaded.model;
    let operations = &model.bindings[0].operations;
    let names: Vec<&str> = operations.iter().map(|op| op.name.as_str()).collect();
    assert_eq!(names, ["placeOrder", "placeRush"]);
    assert_eq!(
        operations[0].input.body,
        Body::Document(vec![element_id(model, "order")]),
        "no listed part is left, so the body takes every part that is not a header"
    );
    let headers: Vec<ElementId> = operations[0]
        .input
        .headers
        .iter()
        .map(|header| header.element)
        .collect();
    assert_eq!(headers, [element_id(model, "session")]);
    assert_eq!(
        operations[1].input.body,
        Body::Document(vec![element_id(model, "code")]),
        "the remaining listed part"
    );
}

#[test]
fn empty_body_parts_means_empty_body() {
    let scratch = Scratch::new("empty_parts");
    let wsdl = scratch.0.join("empty_parts.wsdl");
    let text = std::fs::read_to_string(fixture("lenient.wsdl"))
        .expect("the fixture is readable")
        .replace("parts=\"extra code\"", "parts=\"\"");
    std::fs::write(&wsdl, text).expect("the scratch directory is writable");
    std::fs::copy(
        fixture("lenient_types.xsd"),
        scratch.0.join("lenient_types.xsd"),
    )
    .expect("the scratch directory is writable");

    let loaded = match load(&wsdl, &LoadOptions::default()) {
        Ok(loaded) => loaded,
        Err(error) => panic!("empty_parts.wsdl failed to load:\n{error}"),
    };
    let rush = &loaded.model.bindings[0].operations[1];
    assert_eq!(rush.input.body, Body::Document(Vec::new()));
    assert_eq!(warnings_of(&loaded, WarningKind::UnknownPart).len(), 1);
}

#[test]
fn missing_and_malformed_imports() {
    let diagnostics = diagnostics_of("invalid/missing_import.wsdl");
    assert_reported(
        &diagnostics,
        &[
            "missing_import.wsdl: /definitions/types/schema/import: ",
            "absent.xsd",
        ],
    );
    assert_reported(
        &diagnostics,
        &[
            "malformed.xsd: malformed XML: ",
            "from ",
            "missing_import.wsdl: /definitions/types/schema/import)",
        ],
    );
    assert_reported(
        &diagnostics,
        &[
            "https://schemas.example.test/remote.xsd",
            "map this exact URL",
        ],
    );
    assert_eq!(diagnostics.len(), 3, "{diagnostics:#?}");
}

#[test]
fn circular_derivation_and_groups() {
    let diagnostics = diagnostics_of("invalid/circular_derivation.wsdl");
    assert_reported(&diagnostics, &["circular type derivation"]);
    assert_reported(&diagnostics, &["circular reference to group"]);
}

#[test]
fn circular_simple_types_reported() {
    let diagnostics = diagnostics_of("invalid/circular_simple_types.wsdl");

    assert_reported(
        &diagnostics,
        &[
            "simpleType[B]",
            "circular simple type definition: A -> B -> A",
        ],
    );
    assert_reported(
        &diagnostics,
        &["simpleType[SelfList]", "SelfList -> SelfList"],
    );
    assert_reported(
        &diagnostics,
        &["simpleType[SelfUnion]", "SelfUnion -> SelfUnion"],
    );
    assert_reported(
        &diagnostics,
        &[
            "simpleType[Outer]/restriction/simpleType",
            "Outer -> Outer -> Outer",
        ],
    );
    assert_eq!(diagnostics.len(), 4, "{}", diagnostics.join("\n"));
}

#[test]
fn missing_entry_is_io_error() {
    let entry = fixture("no_such_file.wsdl");
    let Err(Error::Io { path, .. }) = load(&entry, &LoadOptions::default()) else {
        panic!("a missing entry file is an I/O error");
    };
    assert_eq!(path, entry);
}

#[test]
fn non_wsdl_entry_is_rejected() {
    let diagnostics = diagnostics_of("forms_chameleon.xsd");
    assert_reported(
        &diagnostics,
        &["root element is {http://www.w3.org/2001/XMLSchema}schema"],
    );
}

/// A scratch directory under the system temp directory, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let path = std::env::temp_dir().join(format!("wsdl-codegen-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temp dir is writable");
        Scratch(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn truncated_and_garbage_files_fail_cleanly() {
    let scratch = Scratch::new("truncated");
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(fixture(""))
        .expect("fixtures directory")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "wsdl"))
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 10);

    for path in fixtures {
        let bytes = std::fs::read(&path).expect("fixture is readable");
        for step in 1..10 {
            let cut = bytes.len() * step / 10;
            let copy = scratch.0.join("cut.wsdl");
            std::fs::write(&copy, &bytes[..cut]).expect("scratch is writable");
            let result = load(&copy, &LoadOptions::default());
            assert!(
                matches!(result, Err(Error::Input(ref diagnostics)) if !diagnostics.is_empty()),
                "{} cut at {cut} bytes must fail with diagnostics",
                path.display()
            );
        }
    }

    let garbage = scratch.0.join("garbage.wsdl");
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for content in [
        &b""[..],
        b"\xEF\xBB\xBF",
        b"<",
        b"<<>>",
        b"\x00\x00\x00",
        &noise,
    ] {
        std::fs::write(&garbage, content).expect("scratch is writable");
        assert!(matches!(
            load(&garbage, &LoadOptions::default()),
            Err(Error::Input(_))
        ));
    }
}

#[test]
fn truncated_import_names_its_file() {
    let scratch = Scratch::new("truncated-import");
    let imports = scratch.0.join("imports");
    std::fs::create_dir_all(&imports).expect("scratch is writable");
    std::fs::copy(fixture("imports.wsdl"), scratch.0.join("imports.wsdl")).expect("copy");
    for name in ["abstract.wsdl", "types_a.xsd", "types_a_part.xsd"] {
        std::fs::copy(fixture("imports").join(name), imports.join(name)).expect("copy");
    }
    let types_b = std::fs::read(fixture("imports/types_b.xsd")).expect("fixture is readable");
    std::fs::write(imports.join("types_b.xsd"), &types_b[..types_b.len() / 2]).expect("write");

    let Err(Error::Input(diagnostics)) =
        load(&scratch.0.join("imports.wsdl"), &LoadOptions::default())
    else {
        panic!("a truncated import must fail");
    };
    let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_reported(&lines, &["types_b.xsd: malformed XML: "]);
}

#[test]
fn load_is_deterministic() {
    let first = load_fixture("groups.wsdl");
    let second = load_fixture("groups.wsdl");
    assert_eq!(format!("{:?}", first.model), format!("{:?}", second.model));
}

#[test]
fn device_wsdl_resolves() {
    let entry = Path::new(env!("CARGO_MANIFEST_DIR")).join("../wsdl/EPKIManagerDevice.wsdl");
    let loaded = load(&entry, &LoadOptions::default()).unwrap_or_else(|error| panic!("{error}"));
    let model = &loaded.model;
    let namespace = Some("http://device.ws.epki.comodo.com/");

    let operations: Vec<&str> = model.bindings[0]
        .operations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(
        operations,
        [
            "enroll",
            "collect",
            "revoke",
            "revokeBySerialNumber",
            "getDeviceCertTypeIds",
            "getDeviceCertType",
            "getDeviceCustomFields",
            "getWebServiceInfo"
        ]
    );

    let enroll = element(model, "enroll");
    assert_eq!(
        enroll.type_ref,
        TypeRef::Defined(type_id(model, namespace, "enroll"))
    );
    let fields = items(particle(defined(model, &enroll.type_ref)));
    assert_eq!(element_use(&fields[0]).name, qname(None, "authData"));

    let port = &model.services[0].ports[0];
    assert_eq!(
        port.address,
        "https://cert-manager.com:443/ws/EPKIManagerDevice"
    );
    assert_eq!(model.bindings[0].version, SoapVersion::Soap11);
    assert_eq!(model.files.len(), 2);
}

#[test]
fn deep_nesting_fails_cleanly() {
    let scratch = Scratch::new("deep");
    let build = |depth: usize| {
        let mut schema = String::from(
            r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
                 xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:deep">
               <wsdl:types><xs:schema targetNamespace="urn:deep"><xs:complexType name="Deep">"#,
        );
        schema.push_str(&"<xs:sequence>".repeat(depth));
        schema.push_str(r#"<xs:element name="leaf" type="xs:string"/>"#);
        schema.push_str(&"</xs:sequence>".repeat(depth));
        schema.push_str("</xs:complexType></xs:schema></wsdl:types></wsdl:definitions>");
        schema
    };

    let entry = scratch.0.join("deep.wsdl");
    std::fs::write(&entry, build(190)).expect("scratch is writable");
    let loaded = load(&entry, &LoadOptions::default()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        element_names(particle(named(&loaded.model, "Deep"))),
        ["leaf"]
    );

    std::fs::write(&entry, build(5_000)).expect("scratch is writable");
    let Err(Error::Input(diagnostics)) = load(&entry, &LoadOptions::default()) else {
        panic!("nesting deeper than the parser limit must fail");
    };
    assert!(
        diagnostics[0]
            .message
            .contains("too deeply nested (more than 200 levels)"),
        "{}",
        diagnostics[0]
    );
}

/// Writes a WSDL whose only content is a schema in namespace `urn:chain` with `items`, and
/// returns its path.
fn write_schema(scratch: &Scratch, name: &str, items: &str) -> PathBuf {
    let wsdl = format!(
        r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
             xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:chain"
             targetNamespace="urn:chain">
           <wsdl:types><xs:schema targetNamespace="urn:chain">{items}</xs:schema></wsdl:types>
           </wsdl:definitions>"#
    );
    let path = scratch.0.join(name);
    std::fs::write(&path, wsdl).expect("scratch is writable");
    path
}

/// Returns the diagnostics of loading `path`, which must fail.
fn load_errors(path: &Path) -> Vec<String> {
    match load(path, &LoadOptions::default()) {
        Ok(_) => panic!("{} loaded, but it must fail", path.display()),
        Err(Error::Input(diagnostics)) => diagnostics.iter().map(ToString::to_string).collect(),
        Err(other) => panic!(
            "{} failed with an unexpected error: {other}",
            path.display()
        ),
    }
}

/// Types `T{length-1}` down to `T0`, each extending the next one declared, so that converting
/// the first one recurses through the whole chain.
fn extension_chain(length: usize) -> String {
    let mut items = String::new();
    for index in (1..length).rev() {
        items.push_str(&format!(
            r#"<xs:complexType name="T{index}"><xs:complexContent><xs:extension base="tns:T{}"><xs:sequence/></xs:extension></xs:complexContent></xs:complexType>"#,
            index - 1
        ));
    }
    items.push_str(r#"<xs:complexType name="T0"><xs:sequence><xs:element name="e0" type="xs:string"/></xs:sequence></xs:complexType>"#);
    items
}

/// Attribute groups `G0` to `G{length-1}`, each referencing the next one.
fn attribute_group_chain(length: usize) -> String {
    let mut items = String::new();
    for index in 0..length - 1 {
        items.push_str(&format!(
            r#"<xs:attributeGroup name="G{index}"><xs:attribute name="a{index}" type="xs:string"/><xs:attributeGroup ref="tns:G{}"/></xs:attributeGroup>"#,
            index + 1
        ));
    }
    items.push_str(&format!(r#"<xs:attributeGroup name="G{}"/>"#, length - 1));
    items.push_str(
        r#"<xs:complexType name="Root"><xs:attributeGroup ref="tns:G0"/></xs:complexType>"#,
    );
    items
}

/// Elements `e{length-1}` down to `e0`, each in the substitution group of the next one declared.
fn substitution_chain(length: usize) -> String {
    let mut items = String::new();
    for index in (1..length).rev() {
        items.push_str(&format!(
            r#"<xs:element name="e{index}" substitutionGroup="tns:e{}"/>"#,
            index - 1
        ));
    }
    items.push_str(r#"<xs:element name="e0" type="xs:string"/>"#);
    items
}

#[test]
fn long_chains_within_limit_load() {
    let scratch = Scratch::new("chains-ok");

    let path = write_schema(&scratch, "extension.wsdl", &extension_chain(200));
    let loaded = load(&path, &LoadOptions::default()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        element_names(particle(named(&loaded.model, "T199"))),
        ["e0"]
    );

    let path = write_schema(&scratch, "groups.wsdl", &attribute_group_chain(200));
    let loaded = load(&path, &LoadOptions::default()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(complex(named(&loaded.model, "Root")).attributes.len(), 199);

    let path = write_schema(&scratch, "substitution.wsdl", &substitution_chain(200));
    let loaded = load(&path, &LoadOptions::default()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        element(&loaded.model, "e199").type_ref,
        TypeRef::Builtin(Builtin::String)
    );
}

#[test]
fn too_long_chains_are_reported() {
    let scratch = Scratch::new("chains-deep");

    for length in [300, 5_000] {
        let path = write_schema(&scratch, "extension.wsdl", &extension_chain(length));
        let errors = load_errors(&path);
        assert_reported(
            &errors,
            &[
                "extension.wsdl",
                "complexType[T",
                "/complexContent/extension",
                "type derivation chain deeper than 256 types",
            ],
        );

        let path = write_schema(&scratch, "groups.wsdl", &attribute_group_chain(length));
        let errors = load_errors(&path);
        assert_reported(
            &errors,
            &[
                "groups.wsdl",
                "attributeGroup[G255]/attributeGroup",
                "deeper than 256 attribute group references",
            ],
        );

        let path = write_schema(&scratch, "substitution.wsdl", &substitution_chain(length));
        let errors = load_errors(&path);
        assert_reported(
            &errors,
            &[
                "substitution.wsdl",
                "/element[e",
                "substitution group chain deeper than 256 elements",
            ],
        );
    }
}

/// A WSDL with one schema that imports `location`, and a SOAP address `address`.
fn wsdl_importing(location: &str, address: &str) -> String {
    format!(
        r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
             xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
             xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:read"
             targetNamespace="urn:read">
           <wsdl:types><xs:schema targetNamespace="urn:read">
             <xs:import namespace="urn:other" schemaLocation="{location}"/>
           </xs:schema></wsdl:types>
           <wsdl:portType name="T"/>
           <wsdl:binding name="B" type="tns:T">
             <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
           </wsdl:binding>
           <wsdl:service name="S"><wsdl:port name="P" binding="tns:B">
             <soap:address location="{address}"/>
           </wsdl:port></wsdl:service>
           </wsdl:definitions>"#
    )
}

#[cfg(unix)]
#[test]
fn special_files_are_not_read() {
    let scratch = Scratch::new("special");
    let fifo = scratch.0.join("fifo.xsd");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo is installed");
    assert!(status.success(), "mkfifo failed: {status}");
    let entry = scratch.0.join("entry.wsdl");

    for (location, expected) in [
        ("fifo.xsd", "a FIFO, socket or device"),
        ("/dev/zero", "a FIFO, socket or device"),
        (".", "is a directory"),
    ] {
        std::fs::write(&entry, wsdl_importing(location, "http://127.0.0.1/x")).unwrap();
        let errors = load_errors(&entry);
        assert_reported(
            &errors,
            &[
                "/definitions/types/schema/import",
                &format!("cannot read location \"{location}\" (resolved to "),
                expected,
            ],
        );
    }

    for address in ["fifo.xsd", "/dev/zero"] {
        std::fs::write(
            &entry,
            wsdl_importing("http://www.w3.org/2001/xml.xsd", address),
        )
        .unwrap();
        let loaded = load(&entry, &LoadOptions::default());
        assert!(
            loaded.is_ok(),
            "soap:address {address} was read: {:?}",
            loaded.err()
        );
    }

    let error = load(&fifo, &LoadOptions::default()).err();
    assert!(
        matches!(&error, Some(Error::Io { .. })),
        "a FIFO entry must fail to read: {error:?}"
    );
}

#[test]
fn occurs_out_of_range_names_limit() {
    let scratch = Scratch::new("occurs");
    let items = r#"<xs:complexType name="Root"><xs:sequence>
        <xs:element name="a" type="xs:string" minOccurs="99999999999"/>
        <xs:element name="b" type="xs:string" maxOccurs="-1"/>
        <xs:element name="c" type="xs:string" maxOccurs="4294967295"/>
        <xs:element name="d" type="xs:string" minOccurs="5" maxOccurs="2"/>
        </xs:sequence></xs:complexType>"#;
    let path = write_schema(&scratch, "occurs.wsdl", items);

    let errors = load_errors(&path);

    assert_reported(
        &errors,
        &[
            "element[a]",
            "invalid minOccurs \"99999999999\"; expected a non-negative integer of at most 4294967295",
        ],
    );
    assert_reported(
        &errors,
        &["element[b]", "invalid maxOccurs \"-1\"; expected a non-negative integer of at most 4294967295 or unbounded"],
    );
    assert_reported(
        &errors,
        &["element[d]", "minOccurs 5 is greater than maxOccurs 2"],
    );
    assert_eq!(errors.len(), 3, "{}", errors.join("\n"));
}

#[test]
fn max_occurs_zero_prohibits_particle() {
    let scratch = Scratch::new("max-zero");
    let items = r#"<xs:complexType name="Root"><xs:sequence>
        <xs:element name="gone" type="xs:string" minOccurs="0" maxOccurs="0"/>
        <xs:element name="kept" type="xs:string"/>
        <xs:sequence minOccurs="0" maxOccurs="0"><xs:element name="alsoGone" type="xs:int"/></xs:sequence>
        </xs:sequence></xs:complexType>"#;
    let path = write_schema(&scratch, "max_zero.wsdl", items);

    let loaded = load(&path, &LoadOptions::default()).unwrap();

    let root = particle(named(&loaded.model, "Root"));
    assert_eq!(element_names(root), ["kept"]);
}

#[test]
fn server_warns_on_shared_request_element() {
    let fixture = fixture("name_clashes.wsdl");

    let server = wsdl_codegen::Config::new()
        .server(true)
        .generate(&fixture)
        .unwrap();
    let client = wsdl_codegen::Config::new().generate(&fixture).unwrap();

    let ambiguous: Vec<_> = server
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::AmbiguousDispatch)
        .collect();
    assert_eq!(ambiguous.len(), 1, "{:?}", server.warnings);
    assert!(ambiguous[0].message.contains("relink"), "{}", ambiguous[0]);
    assert_eq!(
        server
            .code
            .matches("(\"urn:fixture:name-clashes\", \"link\")")
            .count(),
        1
    );
    assert!(client.warnings.is_empty(), "{:?}", client.warnings);
}
