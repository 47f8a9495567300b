/**
 * The versions of Terraform and of its providers that `chalice.tf.json` needs.
 *
 * Terraform: 1.0 and later (the 1.x compatibility promise); nothing newer is used.
 *
 * AWS provider: 5.0 and later, without an upper bound, so it works with 5.x and 6.x. The provider
 * checks a function's `runtime` (and a layer's `compatible_runtimes`) against the list of
 * runtimes its SDK knew when it was released, and refuses a newer one at plan time ("expected
 * runtime to be one of [...]"), so the lower bound rises with the newest runtime the app uses.
 *
 * In provider 6.x the `aws_region` data source's `name` (and later `id`) attribute is deprecated
 * in favour of `region`, which 5.x does not have: the region is read through `name` while the
 * configuration still accepts 5.x, through `region` once it needs 6.x anyway.
 *
 * null provider: for `data.null_data_source.chalice`, which exposes the app and stage names to
 * hand-written `.tf` files (as Chalice documents it). The data source is deprecated in 3.x;
 * a later major may drop it, hence the upper bound.
 */

/** `[major, minor]` of a provider release. */
type ProviderVersion = readonly [number, number];

const TERRAFORM_VERSION = '>= 1.0';
const NULL_PROVIDER_VERSION = '>= 2.0, < 4.0';

/** With no runtime it checks: everything else this configuration uses exists in 5.0. */
const AWS_PROVIDER_BASE: ProviderVersion = [5, 0];

/** The first provider release known to accept each runtime. */
const AWS_PROVIDER_FOR_RUNTIME: Readonly<Record<string, ProviderVersion>> = {
  // Released in 5.26.0 (terraform-provider-aws#34401).
  'nodejs20.x': [5, 26],
  // Lambda launched it in late November 2024 and 5.x releases from then accept it
  // (terraform-provider-aws#40277); 5.82 is a release safely after that.
  'nodejs22.x': [5, 82],
  // No 5.x release accepts it; documented for 6.20.0 (terraform-provider-aws#45024).
  'nodejs24.x': [6, 20],
};

function isNewer(a: ProviderVersion, b: ProviderVersion): boolean {
  return a[0] !== b[0] ? a[0] > b[0] : a[1] > b[1];
}

/** `aws_lambda_permission`'s `invoked_via_function_url` (a public function URL's second statement) arrived in 6.29.0. */
const AWS_PROVIDER_FOR_INVOKED_VIA_FUNCTION_URL: ProviderVersion = [6, 29];

/** The lowest AWS provider release that accepts every runtime in `runtimes` (and the arguments the configuration uses). */
export function runtimesToAwsProviderVersion(runtimes: Iterable<string>, uses: { readonly invokedViaFunctionUrl?: boolean } = {}): ProviderVersion {
  let floor = uses.invokedViaFunctionUrl ? AWS_PROVIDER_FOR_INVOKED_VIA_FUNCTION_URL : AWS_PROVIDER_BASE;
  for (const runtime of runtimes) {
    const needed = AWS_PROVIDER_FOR_RUNTIME[runtime];
    if (needed !== undefined && isNewer(needed, floor)) floor = needed;
  }
  return floor;
}

/** The `terraform` block for a configuration that needs AWS provider `aws` or newer. */
export function terraformBlock(aws: ProviderVersion): Record<string, unknown> {
  return {
    required_version: TERRAFORM_VERSION,
    required_providers: {
      aws: { source: 'hashicorp/aws', version: `>= ${aws[0]}.${aws[1]}` },
      null: { source: 'hashicorp/null', version: NULL_PROVIDER_VERSION },
    },
  };
}

/** The configured region, read through the attribute every allowed provider release has, undeprecated where possible. */
export function regionInterpolation(aws: ProviderVersion): string {
  return aws[0] >= 6 ? '${data.aws_region.chalice.region}' : '${data.aws_region.chalice.name}';
}
