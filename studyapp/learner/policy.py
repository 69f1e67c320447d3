"""Next-question choice for an assessment: the item whose answer tells the most about this student.

Score = Fisher weight of the answer x the posterior variance of the item's logit (g' Sigma g), with Sigma the
inverse of the adapted model's Fisher information plus the meta-learned prior precision.
"""

from __future__ import annotations

import torch

from studyapp.learner import model as m


def information(phi: torch.Tensor, tau: torch.Tensor, asked_base: torch.Tensor, asked_design: torch.Tensor,
                asked_guess: torch.Tensor, base: torch.Tensor, design: torch.Tensor,
                guess: torch.Tensor) -> torch.Tensor:
    """Expected information of each candidate item (base, design, guess rows) given the asked ones."""
    with torch.no_grad():
        cov = m.posterior_cov(phi, tau, asked_base, asked_design, asked_guess, torch.ones_like(asked_base))
        sig = torch.sigmoid(base + design @ phi)
        p = (guess + (1 - guess) * sig).clamp(1e-6, 1 - 1e-6)
        dp = (1 - guess) * sig * (1 - sig)
        weight = dp * dp / (p * (1 - p))
        info: torch.Tensor = weight * ((design @ cov) * design).sum(1)
        return info
