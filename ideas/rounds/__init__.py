"""Question rounds: the facilitator's questions answered on the tables' boards, then merged and
prioritised by dot voting (ideas/votes) into the most important conclusions."""
