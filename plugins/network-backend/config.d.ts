export interface Config {
  /** Configuration of the network backend plugin (@internal/plugin-network-backend). */
  network?: {
    /**
     * A kubeconfig file whose contexts are watched as clusters, in addition to the Kubernetes
     * plugin's `kubernetes.clusterLocatorMethods` clusters of type `config`. Each context is a
     * cluster named after the context (bearer token or tokenFile; CA data or file).
     * @visibility backend
     * @default (none: only the Kubernetes plugin's clusters)
     */
    kubeconfigPath?: string;
    /**
     * Watch the cluster the backend runs in, with its service account.
     * @visibility backend
     * @default false
     */
    inCluster?: boolean;
    /**
     * Name of the in-cluster cluster.
     * @visibility backend
     * @default in-cluster
     */
    inClusterName?: string;
    /** How DNS servers are probed. */
    dns?: {
      /**
       * Timeout of one DNS query in milliseconds.
       * @visibility backend
       * @default 1000
       */
      timeoutMs?: number;
      /**
       * How long DNS answers are reused, in milliseconds.
       * @visibility backend
       * @default 5000
       */
      cacheTtlMs?: number;
    };
    /**
     * What only the network plugin needs per cluster, keyed by the cluster name
     * (the Kubernetes plugin's cluster name or the kubeconfig context name).
     */
    clusters?: {
      [clusterName: string]: {
        dns?: {
          /**
           * The server that answers internal names (k8s_gateway); request paths show its
           * answer as the `dns-internal` hop.
           * @default (none: the dns-internal hop is listed as missing)
           */
          internal?: {
            /**
             * Address of the server.
             * @visibility backend
             */
            host: string;
            /**
             * Port of the server.
             * @visibility backend
             * @default 53
             */
            port?: number;
          };
          /**
           * Resolvers that answer as the public Internet does; request paths show their answers
           * as the `dns-external` hop.
           * @default [] (the dns-external hop is listed as missing)
           */
          external?: Array<{
            /**
             * Address of the resolver.
             * @visibility backend
             */
            host: string;
            /**
             * Port of the resolver.
             * @visibility backend
             * @default 53
             */
            port?: number;
          }>;
        };
        /**
         * Talos API access for the Talos diagnostics and the etcd bootstrap: a talosconfig file,
         * values, or both (values replace the file context's fields).
         * @default (none: Talos checks are skipped)
         */
        talos?: {
          /**
           * Path of a talosconfig file (client certificate and key inside: keep it private).
           * @visibility secret
           * @default (none: the values below must give endpoints, ca, crt and key)
           */
          talosconfigPath?: string;
          /**
           * The talosconfig context to use.
           * @visibility backend
           * @default the talosconfig's current `context`
           */
          context?: string;
          /**
           * apid addresses to connect to, `host` or `host:port`.
           * @visibility backend
           * @default the talosconfig context's `endpoints` (port 50000 when absent)
           */
          endpoints?: string[];
          /**
           * Nodes the checks target (the `node` metadata of each request).
           * @visibility backend
           * @default the talosconfig context's `nodes`, else the Kubernetes nodes' InternalIPs
           */
          nodes?: string[];
          /**
           * Talos OS CA certificate: standard base64 of its PEM (as in a talosconfig) or PEM text.
           * @visibility secret
           * @default the talosconfig context's `ca`
           */
          ca?: string;
          /**
           * Client certificate (its Organization holds the role, e.g. `os:reader`; `os:admin` for
           * bootstrap): base64 of PEM or PEM text.
           * @visibility secret
           * @default the talosconfig context's `crt`
           */
          crt?: string;
          /**
           * Private key of the client certificate: base64 of PEM or PEM text.
           * @visibility secret
           * @default the talosconfig context's `key`
           */
          key?: string;
        };
      };
    };
  };
}
