"""The capstone: the personal development plan and its documents."""
