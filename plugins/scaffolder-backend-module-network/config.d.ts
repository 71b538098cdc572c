export interface Config {
  network?: {
    /** Settings of the Create service wizard's scaffolder actions. */
    scaffolder?: {
      /**
       * Domains new hostnames must be under (subdomains only).
       * @visibility backend
       * @default [] (the zones of the cluster's gateway listeners, e.g. demo.lab for *.demo.lab)
       */
      allowedDomains?: string[];
      /**
       * Whether `network:manifests:apply` may apply to a cluster (demo mode turns it on).
       * @visibility backend
       * @default false
       */
      allowApply?: boolean;
      /**
       * Where the local publisher keeps its bare git repositories; relative paths start at the
       * repository root.
       * @visibility backend
       * @default data/repositories
       */
      localRepositoriesDir?: string;
    };
  };
}
