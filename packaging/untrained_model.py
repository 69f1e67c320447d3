"""Write an untrained learner model in the shipped format (for the frozen smoke test only).

    python packaging/untrained_model.py OUT_DIR

When no trained model is in resources/models/ yet, the smoke test puts this one into a copy of the
bundle, so that loading the model, predicting and adapting still run through the frozen torch.
"""

from __future__ import annotations

import sys
from pathlib import Path

from studyapp.learner.model import default_config, init_params
from studyapp.learner.modelfile import MODEL_NAME, save_model


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: untrained_model.py OUT_DIR", file=sys.stderr)
        return 2
    config = default_config(n_items=0)
    card = {"training": "none: an untrained model for the packaging smoke test"}
    save_model(Path(argv[0]) / f"{MODEL_NAME}.safetensors", init_params(config), config, [], card)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
