"""The widgets: what a learner and a mentor see and press. Built on the layers below."""
