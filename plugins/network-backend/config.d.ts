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
    /** How bootstrap runs behave. */
    bootstrap?: {
      /**
       * How long the verification step re-runs the diagnostics while controllers converge
       * (cert-manager issuing, gateways becoming Programmed) before it fails the run.
       * @visibility backend
       * @default 120
       */
      verifySettleSeconds?: number;
    };
    /** How diagnostics runs run, are scheduled, kept and announced. */
    diagnostics?: {
      /**
       * Checks running at once within one run.
       * @visibility backend
       * @default 4
       */
      concurrency?: number;
      /**
       * A check still running after this many seconds is stopped and reported as `error`.
       * @visibility backend
       * @default 30
       */
      checkTimeoutSeconds?: number;
      /**
       * Certificates expiring within this many days make `certificates.expiry` warn.
       * @visibility backend
       * @default 14
       */
      certificateExpiryWarningDays?: number;
      /**
       * A diagnostics or bootstrap run whose heartbeat is older than this many seconds died
       * with its process: at startup and at each housekeeping it is marked `interrupted` and
       * its cluster lock is freed (15..3600; runs beat every 5 s).
       * @visibility backend
       * @default 60
       */
      staleAfterSeconds?: number;
      /** Scheduled full runs of every cluster (once per interval across replicas). */
      schedule?: {
        /**
         * Minutes between scheduled runs; 0 turns them off.
         * @visibility backend
         * @default 30
         */
        frequencyMinutes?: number;
      };
      /**
       * Finished runs older than this many days are deleted.
       * @visibility backend
       * @default 30
       */
      retentionDays?: number;
      /**
       * Entity refs (users or groups) notified when a check turns from pass to fail.
       * @visibility backend
       * @default (a broadcast to every user)
       */
      notify?: string[];
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
        /**
         * The network baseline the bootstrap applies (server-side apply, field manager
         * `pathway-network`, after a dry run the user confirms). Validated before anything is
         * applied: a problem names its key, e.g.
         * `network.clusters.demo.baseline.ipPools[1].blocks[0].cidr: '10.0.0.0/33' is not a valid CIDR`.
         * @default (none: the bootstrap applies no objects)
         */
        baseline?: {
          /**
           * CiliumLoadBalancerIPPools. Pools may not overlap (Cilium would disable the newer one).
           * @default []
           */
          ipPools?: Array<{
            /**
             * Pool name (cluster-scoped object).
             * @visibility backend
             */
            name: string;
            /**
             * `cilium.io/v2` (Cilium 1.18+) or `cilium.io/v2alpha1` (1.15+); only `blocks` is written.
             * @visibility backend
             * @default cilium.io/v2alpha1
             */
            apiVersion?: 'cilium.io/v2' | 'cilium.io/v2alpha1';
            /**
             * Address blocks: `cidr`, or `start` with optional `stop` (start alone is one address).
             * @visibility backend
             */
            blocks: Array<{
              /**
               * A CIDR, e.g. 192.168.10.0/27.
               * @visibility backend
               */
              cidr?: string;
              /**
               * First address of a range.
               * @visibility backend
               */
              start?: string;
              /**
               * Last address of a range.
               * @visibility backend
               * @default the start address
               */
              stop?: string;
            }>;
            /**
             * Which LoadBalancer Services take addresses from the pool (a Kubernetes LabelSelector).
             * @visibility backend
             * @default every Service
             */
            serviceSelector?: {
              /** @visibility backend */
              matchLabels?: { [key: string]: string };
              /** @visibility backend */
              matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
            };
            /**
             * Whether CIDR blocks hand out their first and last address.
             * @visibility backend
             * @default (unset: Cilium's default)
             */
            allowFirstLastIPs?: 'Yes' | 'No';
            /**
             * Keep the pool but hand out nothing from it.
             * @visibility backend
             * @default false
             */
            disabled?: boolean;
          }>;
          /**
           * CiliumL2AnnouncementPolicies (cilium.io/v2alpha1): which nodes answer ARP for which IPs.
           * @default []
           */
          l2AnnouncementPolicies?: Array<{
            /**
             * Policy name.
             * @visibility backend
             */
            name: string;
            /**
             * Interface name regexes, e.g. `^eth[0-9]+`.
             * @visibility backend
             * @default every interface
             */
            interfaces?: string[];
            /**
             * Nodes that announce (LabelSelector).
             * @visibility backend
             * @default every node
             */
            nodeSelector?: {
              /** @visibility backend */
              matchLabels?: { [key: string]: string };
              /** @visibility backend */
              matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
            };
            /**
             * Services whose addresses are announced (LabelSelector).
             * @visibility backend
             * @default every Service
             */
            serviceSelector?: {
              /** @visibility backend */
              matchLabels?: { [key: string]: string };
              /** @visibility backend */
              matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
            };
            /**
             * Announce LoadBalancer IPs.
             * @visibility backend
             * @default true
             */
            loadBalancerIPs?: boolean;
            /**
             * Announce external IPs.
             * @visibility backend
             * @default false
             */
            externalIPs?: boolean;
          }>;
          /**
           * The GatewayClass the gateways use.
           * @default (none: no GatewayClass is applied and gateways use the class `cilium`)
           */
          gatewayClass?: {
            /**
             * GatewayClass name.
             * @visibility backend
             */
            name: string;
            /**
             * The controller, e.g. `io.cilium/gateway-controller`.
             * @visibility backend
             */
            controllerName: string;
            /**
             * Description shown by kubectl.
             * @visibility backend
             * @default (none)
             */
            description?: string;
          };
          /**
           * Shared Gateways (gateway.networking.k8s.io/v1); their namespaces are created too.
           * @default []
           */
          gateways?: Array<{
            /**
             * Gateway name.
             * @visibility backend
             */
            name: string;
            /**
             * Gateway namespace.
             * @visibility backend
             */
            namespace: string;
            /**
             * LoadBalancer IP of the gateway's Service (annotation `lbipam.cilium.io/ips` in
             * `spec.infrastructure`); must lie in a pool.
             * @visibility backend
             * @default (none: LB-IPAM picks one)
             */
            address?: string;
            /**
             * The pool `address` must come from.
             * @visibility backend
             * @default any pool of ipPools
             */
            pool?: string;
            /**
             * ClusterIssuer for the listeners' certificates (annotation `cert-manager.io/cluster-issuer`).
             * @visibility backend
             * @default (none)
             */
            clusterIssuer?: string;
            /**
             * Further Gateway annotations, e.g. `external-dns.alpha.kubernetes.io/target`.
             * @visibility backend
             * @default {}
             */
            annotations?: { [key: string]: string };
            /**
             * Further annotations of the Service the controller creates (`spec.infrastructure.annotations`).
             * @visibility backend
             * @default {}
             */
            infrastructureAnnotations?: { [key: string]: string };
            /**
             * Listeners.
             * @visibility backend
             */
            listeners: Array<{
              /** @visibility backend */
              name: string;
              /** @visibility backend */
              protocol: 'HTTP' | 'HTTPS' | 'TLS' | 'TCP' | 'UDP';
              /** @visibility backend */
              port: number;
              /**
               * Hostname, a wildcard allowed as the first label (`*.example.com`).
               * @visibility backend
               * @default (none: any hostname)
               */
              hostname?: string;
              /**
               * Which namespaces' routes may attach.
               * @visibility backend
               * @default Same
               */
              allowedRoutesFrom?: 'Same' | 'All';
              /** TLS of HTTPS/TLS listeners (required to terminate TLS). */
              tls?: {
                /**
                 * @visibility backend
                 * @default Terminate
                 */
                mode?: 'Terminate' | 'Passthrough';
                /**
                 * Secrets with the certificate (issued by cert-manager when `clusterIssuer` is set).
                 * @visibility backend
                 */
                certificateRefs: Array<{
                  /** @visibility backend */
                  name: string;
                  /**
                   * @visibility backend
                   * @default the gateway's namespace
                   */
                  namespace?: string;
                }>;
              };
            }>;
          }>;
          /**
           * cert-manager ClusterIssuers; each has exactly one of `selfSigned`, `ca`, `acme`.
           * @default []
           */
          clusterIssuers?: Array<{
            /**
             * Issuer name.
             * @visibility backend
             */
            name: string;
            /**
             * A self-signed issuer.
             * @visibility backend
             */
            selfSigned?: {};
            /** A CA issuer signing with the key pair in a Secret (cert-manager's namespace). */
            ca?: {
              /** @visibility backend */
              secretName: string;
            };
            /** ACME (Let's Encrypt) solving DNS-01 through Cloudflare. */
            acme?: {
              /**
               * ACME directory URL (https).
               * @visibility backend
               */
              server: string;
              /**
               * Account email.
               * @visibility backend
               */
              email: string;
              /**
               * Secret the ACME account key is stored in.
               * @visibility backend
               * @default the issuer's name
               */
              privateKeySecretName?: string;
              /**
               * DNS zones the solver answers for.
               * @visibility backend
               * @default every zone
               */
              dnsZones?: string[];
              /** The Cloudflare API token: a reference to a Secret in cert-manager's namespace, never the token. */
              cloudflare: {
                /** @visibility backend */
                apiTokenSecretName: string;
                /** @visibility backend */
                apiTokenSecretKey: string;
              };
            };
          }>;
          /**
           * Default-deny per namespace (namespaces are created if missing).
           * @default []
           */
          defaultDenyPolicies?: Array<{
            /**
             * Namespace.
             * @visibility backend
             */
            namespace: string;
            /**
             * The policy flavour.
             * @visibility backend
             * @default NetworkPolicy
             */
            kind?: 'NetworkPolicy' | 'CiliumNetworkPolicy';
            /**
             * Also render `allow-dns-egress` (DNS to kube-dns), so pods keep resolving names.
             * @visibility backend
             * @default true
             */
            allowDnsEgress?: boolean;
          }>;
        };
      };
    };
  };
}
