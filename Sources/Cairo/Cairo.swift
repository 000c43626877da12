// Cairo: Owned wrappers over Cairo surfaces and contexts, with PNG encoding to Data.
