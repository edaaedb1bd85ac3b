"""A creditor's own wording of a template: checked on sample cases in every situation it may be sent in, stored."""
