"""The classroom's one error type, apart from the training code so that checking a signed file or listing
assignments never imports torch (seconds of a start-up on the way to the first card)."""


class ClassroomError(ValueError):
    """A class training or model installation that cannot go ahead; one sentence for the teacher."""
