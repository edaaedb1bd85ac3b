"""What the API of every aggregate shares: the field types its models are written with (`fields`), a list read a
page at a time with its count (`paging`), and the kernel's tenancy rule applied to intake's records (`access`)."""
