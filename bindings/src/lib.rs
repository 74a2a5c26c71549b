//! Typed client for the Certificate Manager EPKIManagerDevice service.
