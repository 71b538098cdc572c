import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: 8, color: '#fff' },
  icon: { width: 30, height: 30, flex: 'none' },
  text: { fontSize: 22, fontWeight: 700, letterSpacing: 0.5, whiteSpace: 'nowrap' },
});

/** The product mark: a path of hops. With `withText`, followed by the product name. */
export const PathwayLogo = ({ withText }: { withText: boolean }) => {
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <svg className={classes.icon} viewBox="0 0 32 32" aria-hidden="true">
        <path
          d="M5 26 L12 15 L19 20 L27 6"
          stroke="#7df3e1"
          strokeWidth="3"
          fill="none"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
        <circle cx="5" cy="26" r="3" fill="#7df3e1" />
        <circle cx="12" cy="15" r="2.5" fill="#fff" />
        <circle cx="19" cy="20" r="2.5" fill="#fff" />
        <circle cx="27" cy="6" r="3" fill="#7df3e1" />
      </svg>
      {withText && <span className={classes.text}>Pathway</span>}
    </span>
  );
};
