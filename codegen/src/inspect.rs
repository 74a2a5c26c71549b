//! `wsdl-codegen inspect`: one line per service, port, operation, element and type.

use std::path::Path;
use std::process::ExitCode;

use wsdl_codegen::ir::{Body, Model, QName, SimpleType, Style, TypeKind};
use wsdl_codegen::{Config, Error};

/// Prints the summary of `wsdl`, and its warnings as [`crate::print_warnings`] does.
pub fn run(config: &Config, wsdl: &Path, verbose: bool) -> Result<ExitCode, Error> {
    let loaded = config.load(wsdl)?;
    crate::print_warnings(&loaded.warnings, verbose);

    for line in lines(&loaded.model) {
        println!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}

fn lines(model: &Model) -> Vec<String> {
    let mut lines = Vec::new();

    for service in &model.services {
        lines.push(format!("service {}", service.name));
        for port in &service.ports {
            let binding = model
                .bindings
                .get(port.binding)
                .map_or("?", |binding| binding.name.local.as_str());
            lines.push(format!(
                "port {}/{} binding={binding} address={}",
                service.name, port.name, port.address
            ));
        }
    }

    for binding in &model.bindings {
        for operation in &binding.operations {
            let style = match operation.style {
                Style::Document => "document",
                Style::Rpc => "rpc",
            };
            let input = body_summary(model, &operation.input.body);
            let output = operation.output.as_ref().map_or_else(
                || "none (one-way)".to_owned(),
                |m| body_summary(model, &m.body),
            );
            lines.push(format!(
                "operation {}/{} style={style} input={input} output={output} faults={}",
                binding.name.local,
                operation.name,
                operation.faults.len()
            ));
        }
    }

    for element in model.elements.values() {
        lines.push(format!("element {}", clark(&element.name)));
    }

    for def in model.types.values() {
        if def.anonymous {
            continue;
        }
        let kind = match &def.kind {
            TypeKind::Complex(_) => "complex",
            TypeKind::Simple(SimpleType::Restriction { enumeration, .. })
                if !enumeration.is_empty() =>
            {
                "enumeration"
            }
            TypeKind::Simple(SimpleType::List { .. }) => "list",
            TypeKind::Simple(SimpleType::Union { .. }) => "union",
            TypeKind::Simple(_) => "simple",
        };
        lines.push(format!("type {} {kind}", clark(&def.name)));
    }

    lines
}

fn body_summary(model: &Model, body: &Body) -> String {
    match body {
        Body::Document(elements) => {
            let names: Vec<String> = elements
                .iter()
                .filter_map(|id| model.elements.get(id))
                .map(|element| clark(&element.name))
                .collect();
            if names.is_empty() {
                "(empty)".to_owned()
            } else {
                names.join(",")
            }
        }
        Body::Rpc { wrapper, .. } => clark(wrapper),
    }
}

/// Formats a name as `{namespace}local`.
fn clark(name: &QName) -> String {
    match &name.namespace {
        Some(namespace) => format!("{{{namespace}}}{}", name.local),
        None => name.local.clone(),
    }
}
