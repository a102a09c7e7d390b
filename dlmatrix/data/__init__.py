"""Reading, modelling and validating the YAML data: the first stage of the pipeline."""
