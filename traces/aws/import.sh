#!/usr/bin/env bash
# Re-imports every trace of this folder from a LocalStack checkout (github.com/localstack/localstack,
# Apache-2.0). Run from the repository root:
#   LOCALSTACK=/path/to/localstack traces/aws/import.sh [COMMIT]
# COMMIT (optional) is recorded in each trace's source; these traces were read at
# 8b9a79f05846835cf4dff63ab7eefdde9df83783.
set -euo pipefail
: "${LOCALSTACK:?set LOCALSTACK to a localstack/localstack checkout}"
CLI=${CLI:-node bin/lambda-conformance.mjs}
DIR=$LOCALSTACK/tests/aws/services/lambda_
COMMIT=${1:-8b9a79f05846835cf4dff63ab7eefdde9df83783}
OUT=traces/aws

# name  snapshot-file  test  [order file]
while read -r name file test order; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  args=(import localstack "$DIR/$file" --test "$test" --commit "$COMMIT" --out "$OUT/$name.jsonl")
  [[ -n "${order:-}" ]] && args+=(--order "$OUT/orders/$order")
  $CLI "${args[@]}"
  echo "$OUT/$name.jsonl"
done <<'LIST'
function-lifecycle          test_lambda_api.snapshot.json TestLambdaFunction::test_function_lifecycle
redundant-updates           test_lambda_api.snapshot.json TestLambdaFunction::test_redundant_updates
concurrent-code-updates     test_lambda_api.snapshot.json TestLambdaFunction::test_lambda_concurrent_code_updates
concurrent-config-updates   test_lambda_api.snapshot.json TestLambdaFunction::test_lambda_concurrent_config_updates
update-in-progress-get      test_lambda_api.snapshot.json TestLambdaFunction::test_lambda_code_location_zipfile
stale-revision-updates      test_lambda_api.snapshot.json TestLambdaRevisions::test_function_revisions_basic
stale-revision-publish      test_lambda_api.snapshot.json TestLambdaRevisions::test_function_revisions_version_and_alias
alias-delete-nonexisting    test_lambda_api.snapshot.json TestLambdaAlias::test_non_existent_alias_deletion
alias-update-nonexisting    test_lambda_api.snapshot.json TestLambdaAlias::test_non_existent_alias_update
version-lifecycle           test_lambda_api.snapshot.json TestLambdaVersions::test_version_lifecycle
publish-wrong-sha256        test_lambda_api.snapshot.json TestLambdaVersions::test_publish_with_wrong_sha256
publish-on-create           test_lambda_api.snapshot.json TestLambdaVersions::test_publish_version_on_create
publish-with-update         test_lambda_api.snapshot.json TestLambdaVersions::test_publish_with_update
tag-lifecycle               test_lambda_api.snapshot.json TestLambdaTags::test_tag_lifecycle                 tag-lifecycle.order
tag-deleted-function        test_lambda_api.snapshot.json TestLambdaTag::test_tag_nonexisting_resource
image-crud                  test_lambda_api.snapshot.json TestLambdaImages::test_lambda_image_crud
image-config-crud           test_lambda_api.snapshot.json TestLambdaImages::test_lambda_image_and_image_config_crud
zip-to-image-refused        test_lambda_api.snapshot.json TestLambdaImages::test_lambda_zip_file_to_image
list-functions              test_lambda_api.snapshot.json TestLambdaFunction::test_list_functions             list-functions.order
nonexisting-get-function    test_lambda_api.snapshot.json test_ops_on_nonexisting_fn[get_function]           nonexisting-get-function.order
nonexisting-get-function-configuration test_lambda_api.snapshot.json test_ops_on_nonexisting_fn[get_function_configuration] nonexisting-get-function-configuration.order
nonexisting-delete-function test_lambda_api.snapshot.json test_ops_on_nonexisting_fn[delete_function]        nonexisting-delete-function.order
delete-nonexisting-version  test_lambda_api.snapshot.json TestLambdaFunction::test_delete_on_nonexisting_version delete-nonexisting-version.order
delete-and-recreate         test_lambda.snapshot.json     TestLambdaCleanup::test_recreate_function
versions-with-code-changes  test_lambda.snapshot.json     TestLambdaVersions::test_lambda_versions_with_code_changes
handler-update-invoke       test_lambda.snapshot.json     TestLambdaVersions::test_lambda_handler_update
invoke-event                test_lambda.snapshot.json     TestLambdaFeatures::test_invocation_type_event[python3.10]
invoke-dry-run              test_lambda.snapshot.json     TestLambdaFeatures::test_invocation_type_dry_run[python3.10]
LIST
