"""The planner's Excel import template: download it pre-filled (`template`), change figures, upload and
preview the changes (`reading`), confirm (`applying`); the sheets and their columns are in `sheets`."""
