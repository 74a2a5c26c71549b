//! Resolves the twenty entry WSDLs of the real-world corpus and checks facts about each.
//!
//! The corpus directory comes from the `WSDL_CORPUS` environment variable, or else is
//! `shared/wsdl-corpus` beside the workspace directory. A missing corpus fails the tests.

use std::path::{Path, PathBuf};

use wsdl_codegen::ir::{Body, Model, SoapVersion, Style};
use wsdl_codegen::{load, Error, LoadOptions, Loaded, WarningKind};

fn corpus() -> PathBuf {
    let directory = match std::env::var_os("WSDL_CORPUS") {
        Some(directory) => PathBuf::from(directory),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/wsdl-corpus"),
    };
    assert!(
        directory.join("SOURCES.md").is_file(),
        "WSDL corpus not found at {}; set WSDL_CORPUS to the wsdl-corpus directory",
        directory.display()
    );
    directory.canonicalize().unwrap_or(directory)
}

fn load_entry(entry: &str) -> Loaded {
    match load(&corpus().join(entry), &LoadOptions::default()) {
        Ok(loaded) => loaded,
        Err(error) => panic!("{entry} failed to load:\n{error}"),
    }
}

fn diagnostics_of(entry: &str) -> Vec<String> {
    match load(&corpus().join(entry), &LoadOptions::default()) {
        Ok(_) => panic!("{entry} loaded, but it must fail"),
        Err(Error::Input(diagnostics)) => diagnostics.iter().map(ToString::to_string).collect(),
        Err(other) => panic!("{entry} failed with an unexpected error: {other}"),
    }
}

fn operation_counts(model: &Model) -> Vec<usize> {
    model
        .bindings
        .iter()
        .map(|binding| binding.operations.len())
        .collect()
}

fn operation_names(model: &Model, binding: usize) -> Vec<&str> {
    model.bindings[binding]
        .operations
        .iter()
        .map(|op| op.name.as_str())
        .collect()
}

fn has_type(model: &Model, local: &str) -> bool {
    model
        .types
        .values()
        .any(|def| !def.anonymous && def.name.local == local)
}

fn has_element(model: &Model, local: &str) -> bool {
    model.elements.values().any(|def| def.name.local == local)
}

fn fault_count(model: &Model) -> usize {
    model
        .bindings
        .iter()
        .flat_map(|b| &b.operations)
        .map(|op| op.faults.len())
        .sum()
}

fn input_header_count(model: &Model) -> usize {
    model
        .bindings
        .iter()
        .flat_map(|b| &b.operations)
        .map(|op| op.input.headers.len())
        .sum()
}

#[test]
fn calculator_dneonline() {
    let model = load_entry("calculator-dneonline/services.wsdl").model;
    assert_eq!(operation_counts(&model), [4, 4]);
    assert_eq!(
        operation_names(&model, 0),
        ["Add", "Subtract", "Multiply", "Divide"]
    );
    assert_eq!(model.bindings[1].version, SoapVersion::Soap12);
    assert_eq!(model.services[0].ports.len(), 2, "HTTP ports dropped");
    assert!(has_element(&model, "AddResponse"));
}

#[test]
fn tempconverter_learnwebservices() {
    let model = load_entry("tempconverter-learnwebservices/tempconverter.wsdl").model;
    assert_eq!(operation_counts(&model), [2]);
    assert!(has_type(&model, "celsiusToFahrenheitRequest"));
    assert!(has_element(&model, "CelsiusToFahrenheitRequest"));
}

#[test]
fn countryinfo_oorsprong() {
    let model = load_entry("countryinfo-oorsprong/countrinfoservice.wsdl").model;
    assert_eq!(operation_counts(&model), [21, 21]);
    assert!(has_type(&model, "tContinent"));
    assert!(has_type(&model, "ArrayOftCountryCodeAndName"));
}

#[test]
fn ews_exchange() {
    let loaded = load_entry("ews-exchange/services.wsdl");
    let model = &loaded.model;
    assert_eq!(operation_counts(model), [122]);
    assert_eq!(model.files.len(), 3);
    assert!(
        model.services.is_empty(),
        "services.wsdl of EWS defines no wsdl:service"
    );
    assert!(has_type(model, "ResponseCodeType"));
    assert!(has_type(model, "ExchangeImpersonationType"));
    assert!(
        input_header_count(model) > 200,
        "headers come from the body's message"
    );

    let resolve_names = &model.bindings[0].operations[0];
    assert_eq!(resolve_names.name, "ResolveNames");
    let Body::Document(body) = &resolve_names.input.body else {
        panic!("document body");
    };
    assert_eq!(body.len(), 1, "header parts are not in the body");
}

#[test]
fn epcis_query() {
    let model = load_entry("epcis/EPCglobal-epcis-query-1_2.wsdl").model;
    assert_eq!(operation_counts(&model), [7]);
    assert_eq!(model.files.len(), 10);
    assert!(fault_count(&model) >= 30);
    assert!(has_type(&model, "EPCISDocumentType"));
    let abstract_heads = model
        .elements
        .values()
        .filter(|def| def.substitution_group.is_some())
        .count();
    assert!(
        abstract_heads > 0,
        "BusinessScope.xsd has a substitution group"
    );
}

#[test]
fn cybersource() {
    let loaded = load_entry("cybersource/CyberSourceTransaction_1.26.wsdl");
    assert_eq!(operation_counts(&loaded.model), [1]);
    assert_eq!(operation_names(&loaded.model, 0), ["runTransaction"]);
    assert_eq!(loaded.model.files.len(), 2);
    assert!(has_type(&loaded.model, "RequestMessage"));
    assert!(loaded
        .warnings
        .iter()
        .any(|w| w.kind == WarningKind::IdentityConstraint));
}

#[test]
fn google_search_is_rpc_encoded() {
    let diagnostics = diagnostics_of("google-search/GoogleSearch.wsdl");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert!(
        diagnostics[0].contains("/definitions/binding[GoogleSearchBinding]: "),
        "{}",
        diagnostics[0]
    );
    assert!(diagnostics[0].contains("rpc/encoded"), "{}", diagnostics[0]);
    assert!(
        diagnostics[0].contains("not supported"),
        "{}",
        diagnostics[0]
    );
}

#[test]
fn telkom_ordercontract() {
    let model = load_entry("telkom-ordercontract/OrderContract.wsdl").model;
    assert_eq!(operation_counts(&model), [3]);
    assert_eq!(fault_count(&model), 1);
    assert!(has_type(&model, "CorrelationIdType"));
    let namespaces: std::collections::BTreeSet<_> = model
        .types
        .values()
        .map(|def| def.name.namespace.clone())
        .collect();
    assert!(namespaces.len() >= 5, "{namespaces:?}");
}

#[test]
fn docdata_payments() {
    let model = load_entry("docdata-payments/1_3.wsdl").model;
    assert_eq!(operation_counts(&model), [9]);
    assert_eq!(model.files.len(), 3, "xs:import then xs:include");
    assert!(has_type(&model, "address"));
}

#[test]
fn wcf_multifile() {
    let model = load_entry("wcf-multifile/Service1.wsdl").model;
    assert_eq!(operation_counts(&model), [2]);
    assert_eq!(model.files.len(), 5);
    assert!(has_type(&model, "guid"));
    assert_eq!(
        model.services[0].ports[0].name,
        "BasicHttpBinding_IService1"
    );
}

#[test]
fn zeep_soap_header() {
    let loaded = load_entry("zeep-py/soap_header.wsdl");
    let model = &loaded.model;
    let operation = &model.bindings[0].operations[0];
    let header_names: Vec<&str> = operation
        .input
        .headers
        .iter()
        .map(|header| model.elements[&header.element].name.local.as_str())
        .collect();
    assert_eq!(header_names, ["Authentication", "Token"]);

    let Body::Document(body) = &operation.input.body else {
        panic!("document body");
    };
    assert_eq!(
        body.len(),
        1,
        "header parts of the same message are not in the body"
    );
    assert_eq!(model.elements[&body[0]].name.local, "TradePriceRequest");

    let output = operation.output.as_ref().expect("output");
    assert_eq!(
        output.headers.len(),
        1,
        "type= header part gets a synthesized element"
    );
    assert!(loaded
        .warnings
        .iter()
        .any(|w| w.kind == WarningKind::DocumentTypePart));
}

#[test]
fn zeep_soap_import() {
    let model = load_entry("zeep-py/soap_import_main.wsdl").model;
    assert_eq!(operation_counts(&model), [1]);
    assert_eq!(model.files.len(), 3);
    assert_eq!(fault_count(&model), 2);
}

#[test]
fn zeep_recursive_schema_imports() {
    let model = load_entry("zeep-py/recursive_schema_main.wsdl").model;
    assert_eq!(model.files.len(), 4, "a -> b -> c -> a loaded once each");
    assert_eq!(operation_counts(&model), [0]);
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
fn node_soap_xsd_include_loads_with_warnings() {
    let loaded = load_entry("node-soap/xsdinclude/xsd_include.wsdl");

    let invalid = warnings_of(&loaded, WarningKind::InvalidSchema);
    assert_eq!(invalid.len(), 1, "{invalid:#?}");
    assert!(
        invalid[0].contains("types.xsd: /schema/element[DummyResult]/sequence: "),
        "{}",
        invalid[0]
    );
    let unresolved = warnings_of(&loaded, WarningKind::UnresolvedReference);
    assert_eq!(unresolved.len(), 1, "{unresolved:#?}");
    assert!(
        unresolved[0].contains("xsd_include.wsdl: /definitions/types/schema/element[DummyResponse]/complexType/sequence/element[Result]: "),
        "{}",
        unresolved[0]
    );
    assert!(
        unresolved[0].contains("type {http://www.dummy.com/Types}DummyList not found"),
        "{}",
        unresolved[0]
    );
    let unknown = warnings_of(&loaded, WarningKind::UnknownBindingOperation);
    assert_eq!(unknown.len(), 1, "{unknown:#?}");
    assert!(
        unknown[0]
            .contains("/definitions/binding[DummyBinding]/operation[DummySave]: no such operation"),
        "{}",
        unknown[0]
    );

    let model = &loaded.model;
    assert_eq!(operation_names(model, 0), ["Dummy"]);
    assert!(has_element(model, "DummyResult"));
}

#[test]
fn node_soap_mixed_sequence() {
    let model = load_entry("node-soap/complex/mixed-sequence.wsdl").model;
    assert_eq!(operation_counts(&model), [1]);
    assert_eq!(fault_count(&model), 1);
    assert!(has_type(&model, "AbstractData"));
}

#[test]
fn cxf_rpc_literal() {
    let model = load_entry("cxf/hello_world_rpc_lit.wsdl").model;
    assert_eq!(operation_counts(&model), [4]);
    assert!(model.bindings[0]
        .operations
        .iter()
        .all(|op| op.style == Style::Rpc));
    assert_eq!(model.services.len(), 9);
    let Body::Rpc { wrapper, .. } = &model.bindings[0].operations[0].input.body else {
        panic!("rpc body");
    };
    assert_eq!(wrapper.local, "sayHi");
}

#[test]
fn cxf_header_doc_lit_ignores_wrong_parts() {
    let loaded = load_entry("cxf/header_doc_lit.wsdl");
    let unknown = warnings_of(&loaded, WarningKind::UnknownPart);
    let joined = unknown.join("\n");
    assert!(
        joined.contains(
            "operation[inoutHeader]/input[inoutHeaderRequest]/body: soap:body parts names \"in\""
        ),
        "{joined}"
    );
    assert!(
        joined.contains("operation[inoutHeader]/output[inoutHeaderResponse]/body: soap:body parts names \"out\""),
        "{joined}"
    );
    assert_eq!(unknown.len(), 2, "{joined}");

    let model = &loaded.model;
    assert_eq!(operation_counts(model), [4]);
    let inout = &model.bindings[0].operations[2];
    assert_eq!(inout.name, "inoutHeader");
    let output = inout.output.as_ref().expect("inoutHeader has an output");
    for (message, body_element) in [
        (&inout.input, "inoutHeader"),
        (output, "inoutHeaderResponse"),
    ] {
        let Body::Document(body) = &message.body else {
            panic!("document body");
        };
        let names: Vec<&str> = body
            .iter()
            .map(|id| model.elements[id].name.local.as_str())
            .collect();
        assert_eq!(names, [body_element], "the part that is not a header");
        assert_eq!(message.headers.len(), 1);
    }
}

#[test]
fn cxf_fault() {
    let model = load_entry("cxf/hello_world_fault.wsdl").model;
    assert_eq!(operation_counts(&model), [1]);
    assert_eq!(fault_count(&model), 1);
    assert!(has_type(&model, "BadRecord"));
}

#[test]
fn savon_example_xsd_2000() {
    let model = load_entry("savon-rs/example.wsdl").model;
    assert_eq!(operation_names(&model, 0), ["GetLastTradePrice"]);
    assert!(has_element(&model, "TradePriceRequest"));
    assert_eq!(model.docs, None);
}

#[test]
fn cxf_soap12() {
    let model = load_entry("cxf/hello_world_soap12.wsdl").model;
    assert_eq!(operation_counts(&model), [2]);
    assert_eq!(model.bindings[0].version, SoapVersion::Soap12);
    assert_eq!(fault_count(&model), 1);
}
