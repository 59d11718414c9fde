//! placeholder
use crate::lint::{Context, Finding, Severity};
crate::declare_rule! {
    /// x
    pub static META = ("first_reference", Severity::Warning);
}
pub fn check(_cx: &Context, _out: &mut Vec<Finding>) {}
