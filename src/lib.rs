//! Simulator of the EPKIManagerDevice service.
