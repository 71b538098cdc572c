/** The part of the scaffolder's `FieldValidation` a validation function uses. */
export interface ErrorCollector {
  addError(message: string): void;
}
