//! Helpers shared by the integration tests.

#![allow(dead_code)]

#[cfg(feature = "client")]
pub mod http_server;
#[cfg(feature = "client")]
pub mod pki;
pub mod ssl_service;
#[cfg(feature = "client")]
pub mod tls_server;
