// Shared by build.rs and tests/live_wsdl.rs, so the test checks the mapping the build uses.

/// Returns every URL where the live service publishes the schema its WSDL imports: the
/// `?xsd=1` address of both hosts, with and without `:443`, under both the password (`/ws/`) and
/// the client-certificate (`/private/ws/`) paths, over `https` and `http`.
fn schema_locations() -> Vec<String> {
    let hosts = [
        "cert-manager.com",
        "cert-manager.com:443",
        "hard.cert-manager.com",
        "hard.cert-manager.com:443",
    ];
    let mut urls = Vec::new();
    for scheme in ["https", "http"] {
        for host in hosts {
            for path in ["ws", "private/ws"] {
                urls.push(format!("{scheme}://{host}/{path}/EPKIManagerDevice?xsd=1"));
            }
        }
    }
    urls
}
