//! WSDL definitions: messages, port types, bindings and services of every WSDL document.
//!
//! Only SOAP 1.1 and SOAP 1.2 bindings become [`Binding`]s. HTTP bindings and the ports that use
//! them are dropped quietly; a binding of any other kind is dropped with a warning. A binding
//! with `use="encoded"` anywhere is an error, because SOAP encoding is not supported.

use std::collections::HashMap;
use std::path::Path;

use xmltree::Element;

use super::schema::{display_qname, SchemaSet};
use crate::error::{Report, WarningKind};
use crate::ir::{Binding, ElementDef, Operation, Port, QName, Service, SoapVersion, Source, Style};
use crate::read::xml::{
    attr, child, child_path, children, is, resolve_qname, wsdl_docs, POLICY, WSDL, WSDL_HTTP,
    WSDL_SOAP11, WSDL_SOAP12,
};
use crate::read::Library;

/// A named WSDL component and where it is.
#[derive(Clone, Debug)]
pub(crate) struct Item<'a> {
    pub(crate) file: &'a Path,
    pub(crate) node: &'a Element,
    pub(crate) path: String,
    /// `targetNamespace` of its `wsdl:definitions`.
    pub(crate) namespace: Option<String>,
}

impl<'a> Item<'a> {
    pub(crate) fn child(&self, node: &'a Element) -> Item<'a> {
        Item {
            file: self.file,
            node,
            path: child_path(&self.path, node),
            namespace: self.namespace.clone(),
        }
    }

    pub(crate) fn name(&self) -> &'a str {
        attr(self.node, "name").unwrap_or_default()
    }

    /// Iterates over the `wsdl:` children named `local`.
    pub(crate) fn wsdl_children(&self, local: &'a str) -> impl Iterator<Item = Item<'a>> + '_ {
        children(self.node)
            .filter(move |node| is(node, WSDL, local))
            .map(|node| self.child(node))
    }
}

/// Named components of all WSDL documents.
#[derive(Default)]
pub(crate) struct Tables<'a> {
    pub(crate) messages: HashMap<QName, Item<'a>>,
    pub(crate) port_types: HashMap<QName, Item<'a>>,
    pub(crate) bindings: Vec<(QName, Item<'a>)>,
    pub(crate) services: Vec<Item<'a>>,
}

/// Resolves the WSDL layer into bindings and services.
pub(crate) struct WsdlResolver<'s, 'a> {
    pub(crate) schemas: &'s SchemaSet<'a>,
    /// Global elements of the model, in id order; synthesized part elements are appended.
    pub(crate) elements: &'s mut Vec<ElementDef>,
    pub(crate) synthesized: HashMap<(QName, String), crate::ir::ElementId>,
    pub(crate) report: &'s mut Report,
    pub(crate) tables: Tables<'a>,
}

/// Result of resolving one binding.
enum BindingOutcome {
    Soap(Binding),
    /// HTTP binding: dropped without a word.
    Quiet,
    /// Reported already (error or warning).
    Dropped,
}

/// Collects the named components of every WSDL document in the library.
pub(crate) fn collect<'a>(library: &'a Library, report: &mut Report) -> Tables<'a> {
    let mut tables = Tables::default();
    for document in &library.documents {
        let root = &document.root;
        if !is(root, WSDL, "definitions") {
            continue;
        }
        let definitions = Item {
            file: &document.file,
            node: root,
            path: format!("/{}", root.name),
            namespace: attr(root, "targetNamespace").map(str::to_string),
        };
        warn_policies(&definitions, report);

        for item in definitions.wsdl_children("message") {
            insert_named(&mut tables.messages, item, "message", report);
        }
        for item in definitions.wsdl_children("portType") {
            insert_named(&mut tables.port_types, item, "portType", report);
        }
        for item in definitions.wsdl_children("binding") {
            let qname = qualified(&item);
            if tables
                .bindings
                .iter()
                .any(|(existing, _)| *existing == qname)
            {
                report.error(
                    item.file,
                    &item.path,
                    format!("duplicate binding {}", display_qname(&qname)),
                );
                continue;
            }
            tables.bindings.push((qname, item));
        }
        tables.services.extend(definitions.wsdl_children("service"));
    }
    tables
}

fn insert_named<'a>(
    table: &mut HashMap<QName, Item<'a>>,
    item: Item<'a>,
    noun: &str,
    report: &mut Report,
) {
    let qname = qualified(&item);
    if let Some(existing) = table.get(&qname) {
        let message = format!(
            "duplicate {noun} {}; it is first defined at {}: {}",
            display_qname(&qname),
            existing.file.display(),
            existing.path
        );
        report.error(item.file, &item.path, message);
        return;
    }
    table.insert(qname, item);
}

/// Returns the QName of a named WSDL component: its name in its definitions' target namespace.
fn qualified(item: &Item<'_>) -> QName {
    QName {
        namespace: item.namespace.clone(),
        local: item.name().to_string(),
    }
}

/// Records a warning for each WS-Policy element or `PolicyURIs` attribute, at any depth below
/// `wsdl:definitions` outside of `wsdl:types`.
fn warn_policies(definitions: &Item<'_>, report: &mut Report) {
    let mut stack = vec![definitions.clone()];
    while let Some(item) = stack.pop() {
        if attr(item.node, "PolicyURIs").is_some() {
            report.warn(
                WarningKind::Policy,
                item.file,
                &item.path,
                "WS-Policy references (PolicyURIs) are ignored",
            );
        }
        for node in children(item.node) {
            let namespace = node.namespace.as_deref().unwrap_or_default();
            if POLICY.contains(&namespace) {
                let child = item.child(node);
                let message = format!("WS-Policy element {} is ignored", node.name);
                report.warn(WarningKind::Policy, child.file, &child.path, message);
            } else if namespace == WSDL && node.name != "types" {
                stack.push(item.child(node));
            }
        }
    }
}

impl<'s, 'a> WsdlResolver<'s, 'a> {
    /// Resolves every binding and service. Returns the SOAP bindings in document order and the
    /// services with their SOAP ports.
    pub(crate) fn resolve(&mut self) -> (Vec<Binding>, Vec<Service>) {
        let mut bindings = Vec::new();
        let mut binding_index: HashMap<QName, Option<usize>> = HashMap::new();
        for (qname, item) in self.tables.bindings.clone() {
            let index = match self.binding(&qname, &item) {
                BindingOutcome::Soap(binding) => {
                    bindings.push(binding);
                    Some(bindings.len() - 1)
                }
                BindingOutcome::Quiet | BindingOutcome::Dropped => None,
            };
            binding_index.insert(qname, index);
        }

        let mut services = Vec::new();
        for item in self.tables.services.clone() {
            services.push(self.service(&item, &bindings, &binding_index));
        }
        (bindings, services)
    }

    fn binding(&mut self, qname: &QName, item: &Item<'a>) -> BindingOutcome {
        let soap11 = child(item.node, WSDL_SOAP11, "binding");
        let soap12 = child(item.node, WSDL_SOAP12, "binding");
        let (version, soap_binding) = match (soap11, soap12) {
            (Some(binding), _) => (SoapVersion::Soap11, binding),
            (None, Some(binding)) => (SoapVersion::Soap12, binding),
            (None, None) if child(item.node, WSDL_HTTP, "binding").is_some() => {
                return BindingOutcome::Quiet
            }
            (None, None) => {
                let message = format!(
                    "binding {} has no soap:binding or soap12:binding; it and its ports are skipped",
                    item.name()
                );
                self.report.warn(
                    WarningKind::UnsupportedBinding,
                    item.file,
                    &item.path,
                    message,
                );
                return BindingOutcome::Dropped;
            }
        };

        if let Some(encoded) = self.find_encoded(item) {
            // The binding's style, which WSDL 1.1 defaults to document.
            let style = attr(soap_binding, "style").unwrap_or("document");
            let message = format!(
                "binding {} uses the {style}/encoded style (use=\"encoded\" at {encoded}), which is not \
                 supported; only document/literal and rpc/literal bindings are",
                item.name()
            );
            self.report.error(item.file, &item.path, message);
            return BindingOutcome::Dropped;
        }

        let Some((port_type_name, port_type)) = self.port_type(item) else {
            return BindingOutcome::Dropped;
        };
        let default_style = match attr(soap_binding, "style") {
            Some("rpc") => Style::Rpc,
            _ => Style::Document,
        };
        let operations = self.operations(item, &port_type, version, default_style);

        BindingOutcome::Soap(Binding {
            name: qname.clone(),
            port_type: port_type_name,
            version,
            docs: wsdl_docs(port_type.node).or_else(|| wsdl_docs(item.node)),
            operations,
            source: Source {
                file: item.file.to_path_buf(),
                path: item.path.clone(),
            },
        })
    }

    /// Returns the element path of the first `soap:body`, `soap:header` or `soap:fault` with
    /// `use="encoded"` in the binding.
    fn find_encoded(&self, binding: &Item<'a>) -> Option<String> {
        let mut stack = vec![binding.clone()];
        while let Some(item) = stack.pop() {
            let namespace = item.node.namespace.as_deref();
            let is_soap = namespace == Some(WSDL_SOAP11) || namespace == Some(WSDL_SOAP12);
            if is_soap && attr(item.node, "use") == Some("encoded") {
                return Some(item.path);
            }
            for node in children(item.node).collect::<Vec<_>>().into_iter().rev() {
                stack.push(item.child(node));
            }
        }
        None
    }

    fn port_type(&mut self, binding: &Item<'a>) -> Option<(QName, Item<'a>)> {
        let Some(value) = attr(binding.node, "type") else {
            self.report.error(
                binding.file,
                &binding.path,
                "binding has no type attribute naming its portType",
            );
            return None;
        };
        let qname = self.reference(binding, value, |tables, qname| {
            tables.port_types.contains_key(qname)
        })?;
        match self.tables.port_types.get(&qname) {
            Some(port_type) => Some((qname, port_type.clone())),
            None => {
                let message = format!("portType {} not found", display_qname(&qname));
                self.report.error(binding.file, &binding.path, message);
                None
            }
        }
    }

    /// Resolves the operations of `binding` in port type order.
    fn operations(
        &mut self,
        binding: &Item<'a>,
        port_type: &Item<'a>,
        version: SoapVersion,
        default_style: Style,
    ) -> Vec<Operation> {
        let abstract_operations: Vec<Item<'a>> = port_type.wsdl_children("operation").collect();
        let bound: Vec<Item<'a>> = binding.wsdl_children("operation").collect();
        for operation in &bound {
            if !abstract_operations
                .iter()
                .any(|abstract_op| abstract_op.name() == operation.name())
            {
                let message = format!(
                    "no such operation in portType {}; the binding operation {} is skipped",
                    port_type.name(),
                    operation.name()
                );
                self.report.warn(
                    WarningKind::UnknownBindingOperation,
                    operation.file,
                    &operation.path,
                    message,
                );
            }
        }

        let mut operations = Vec::new();
        for abstract_operation in &abstract_operations {
            let Some(bound_operation) = bound
                .iter()
                .find(|op| op.name() == abstract_operation.name())
            else {
                let message = format!(
                    "operation {} of portType {} is not bound by binding {}; it is skipped",
                    abstract_operation.name(),
                    port_type.name(),
                    binding.name()
                );
                self.report.warn(
                    WarningKind::UnboundOperation,
                    binding.file,
                    &binding.path,
                    message,
                );
                continue;
            };
            if let Some(operation) =
                self.operation(abstract_operation, bound_operation, version, default_style)
            {
                operations.push(operation);
            }
        }
        operations
    }

    fn service(
        &mut self,
        item: &Item<'a>,
        bindings: &[Binding],
        binding_index: &HashMap<QName, Option<usize>>,
    ) -> Service {
        let mut ports = Vec::new();
        for port in item.wsdl_children("port").collect::<Vec<_>>() {
            let Some(value) = attr(port.node, "binding") else {
                self.report
                    .error(port.file, &port.path, "port has no binding attribute");
                continue;
            };
            let is_binding = |tables: &Tables<'_>, qname: &QName| {
                tables.bindings.iter().any(|(name, _)| name == qname)
            };
            let Some(qname) = self.reference(&port, value, is_binding) else {
                continue;
            };
            let index = match binding_index.get(&qname) {
                Some(Some(index)) => *index,
                // HTTP, unsupported or broken binding: already handled.
                Some(None) => continue,
                None => {
                    let message = format!("binding {} not found", display_qname(&qname));
                    self.report.error(port.file, &port.path, message);
                    continue;
                }
            };
            let Some(address) = self.address(&port, bindings.get(index)) else {
                continue;
            };
            ports.push(Port {
                name: port.name().to_string(),
                binding: index,
                address,
                docs: wsdl_docs(port.node),
            });
        }

        Service {
            name: item.name().to_string(),
            docs: wsdl_docs(item.node),
            ports,
        }
    }

    fn address(&mut self, port: &Item<'a>, binding: Option<&Binding>) -> Option<String> {
        let namespace = match binding.map(|binding| binding.version) {
            Some(SoapVersion::Soap12) => WSDL_SOAP12,
            _ => WSDL_SOAP11,
        };
        let address = child(port.node, namespace, "address")
            .or_else(|| child(port.node, WSDL_SOAP11, "address"))
            .or_else(|| child(port.node, WSDL_SOAP12, "address"))
            .and_then(|address| attr(address, "location"));
        if address.is_some() {
            return address.map(str::to_string);
        }

        let other_address = children(port.node).find(|node| node.name == "address");
        match other_address {
            Some(other) => {
                let namespace = other.namespace.as_deref().unwrap_or("(no namespace)");
                let message = format!(
                    "port {} has an address of another transport ({namespace}); it is skipped",
                    port.name()
                );
                self.report.warn(
                    WarningKind::UnsupportedBinding,
                    port.file,
                    &port.path,
                    message,
                );
            }
            None => {
                let message = "port has no soap:address with a location; add <soap:address location=\"URL\"/>";
                self.report.error(port.file, &port.path, message);
            }
        }
        None
    }

    /// Resolves a reference to a named WSDL component (message, portType, binding).
    ///
    /// An unprefixed name that the default namespace does not resolve is also tried in the
    /// target namespace of the referring document, because WSDL files that declare the WSDL
    /// namespace as default and write `type="MyPortType"` are common and other toolkits accept them.
    pub(crate) fn reference(
        &mut self,
        item: &Item<'a>,
        value: &str,
        exists: impl Fn(&Tables<'a>, &QName) -> bool,
    ) -> Option<QName> {
        let qname = self.qname(item, value)?;
        if value.contains(':') || exists(&self.tables, &qname) {
            return Some(qname);
        }
        let fallback = QName {
            namespace: item.namespace.clone(),
            local: qname.local.clone(),
        };
        Some(if exists(&self.tables, &fallback) {
            fallback
        } else {
            qname
        })
    }

    /// Resolves a QName-valued attribute of a WSDL element, reporting an undeclared prefix.
    pub(crate) fn qname(&mut self, item: &Item<'a>, value: &str) -> Option<QName> {
        match resolve_qname(item.node, value) {
            Ok(qname) => Some(qname),
            Err(message) => {
                self.report.error(item.file, &item.path, message);
                None
            }
        }
    }
}
