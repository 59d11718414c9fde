//! placeholder
use crate::lint::{Context, Finding, Severity};
crate::declare_rule! {
    /// x
    pub static META = ("name_variant", Severity::Warning);
}
pub fn check(_cx: &Context, _out: &mut Vec<Finding>) {}
