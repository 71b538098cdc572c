import { ReactNode } from 'react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { FieldChoice } from './GatewayPicker/gatewayChoices';

/**
 * A select of {@link FieldChoice}s: each entry shows its label, its state in words
 * (never colour alone) and a detail line. Entries that are not `selectable` are shown
 * but cannot be picked, so the user sees why a gateway or pool is missing from the choice.
 */
export const ChoiceSelect = (props: {
  id: string;
  label: string;
  value: string | undefined;
  choices: (FieldChoice & { selectable?: boolean })[];
  onChange: (value: string) => void;
  required?: boolean;
  disabled?: boolean;
  error?: boolean;
  helperText?: ReactNode;
}) => {
  const { id, label, value, choices, onChange, required, disabled, error } =
    props;
  // A value the cluster no longer offers stays visible, so the form never shows it blank.
  const known = choices.some(choice => choice.value === value);
  return (
    <TextField
      id={id}
      select
      fullWidth
      margin="normal"
      label={label}
      value={value ?? ''}
      required={required}
      disabled={disabled}
      error={error}
      helperText={props.helperText}
      onChange={event => onChange(String(event.target.value))}
      SelectProps={{
        // The chosen entry keeps its state in view after the menu closes.
        renderValue: selected => {
          const choice = choices.find(
            candidate => candidate.value === selected,
          );
          return choice
            ? `${choice.label} · ${choice.state}`
            : String(selected);
        },
      }}
    >
      {value && !known ? (
        <MenuItem value={value}>{value} (not found in the cluster)</MenuItem>
      ) : null}
      {choices.map(choice => (
        <MenuItem
          key={choice.value}
          value={choice.value}
          disabled={choice.selectable === false}
        >
          <div>
            <Typography variant="body1">
              {choice.label} · {choice.state}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {choice.detail}
            </Typography>
          </div>
        </MenuItem>
      ))}
    </TextField>
  );
};
